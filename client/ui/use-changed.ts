/**
 * Adjusting state when a prop changes, without an effect (React's "storing information from previous
 * renders"): `useChanged(value)` is true in the render where `value` differs (Object.is) from the one
 * of the render before; the caller sets its state right then, and React renders again before anything
 * is drawn. False in the first render.
 */
import { useState } from 'react';

export function useChanged<T>(value: T): boolean {
  const [seen, setSeen] = useState(value);
  if (Object.is(seen, value)) return false;
  setSeen(value);
  return true;
}
