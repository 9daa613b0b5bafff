/**
 * The disclosure scope of a request (server/domain/disclosure.ts): exact household figures only for
 * the county editor of the county the answer is about; everybody else gets protected counts.
 */
import type { Context } from 'hono';
import type { Database } from '../db/client.ts';
import { disclosureScopeFor, type DisclosureScope } from '../domain/disclosure.ts';
import { grantFor } from './context.ts';
import { serverSecret } from './secret.ts';

export interface Disclosure {
  scope: DisclosureScope;
  /** Keys the record keys of the cell-key rounding. */
  secret: string;
}

/** The county whose household records the request's principal may read, or null. */
export function exactCountyOf(c: Context): string | null {
  const grant = grantFor(c, 'households:read');
  return grant?.scope === 'county' ? grant.countyCode : null;
}

/** The disclosure of an answer about `area` (and everything under it). */
export async function disclosureOf(c: Context, database: Database, area: { code: string; countyCode: string | null }): Promise<Disclosure> {
  return { scope: disclosureScopeFor({ countyCode: exactCountyOf(c) }, area), secret: await serverSecret(database) };
}
