/**
 * Constants of the layer API that the browser needs too, kept free of zod so the client bundle does
 * not carry the validation library (the schemas in layers.ts re-export them).
 */
export const fundingSources = ['central', 'province', 'city', 'county', 'finance', 'bond', 'social'] as const;
export type FundingSource = (typeof fundingSources)[number];

/** Most features one layer request may return (the map asks for this many: clusters keep it readable). */
export const maxLayerLimit = 50_000;

/** Hexagon sizes offered (edge length in metres): an allowlist, never free numbers in SQL. */
export const hexSizes = ['1000', '2000', '5000'] as const;

/** Cells with fewer households than this are not sent (their households are counted as suppressed). */
export const minHouseholdsPerCell = 5;
