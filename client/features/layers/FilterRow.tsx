import type { ReactNode } from 'react';

/** A labelled control of the layer panel (filter, colouring, opacity). */
export function FilterRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="op-filter">
      <span className="op-filter__label">{label}</span>
      <div className="op-filter__control">{children}</div>
    </div>
  );
}
