import type { ReactNode } from 'react';

/** One row of a layer legend: the symbol and its meaning. */
export function LegendRow({ swatch, label }: { swatch: ReactNode; label: string }) {
  return (
    <li className="op-legend__row">
      {swatch}
      <span>{label}</span>
    </li>
  );
}
