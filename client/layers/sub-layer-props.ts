/**
 * What a composite layer hands each of its sub-layers: the result of `this.getSubLayerProps({ id })`
 * (the composite's id in front, its opacity, visibility, picking and the like). The layer factories
 * take it, so a sub-layer follows its parent; alone, a factory gets none and uses its own id.
 */
export interface SubLayerProps {
  id?: string;
  opacity?: number;
  visible?: boolean;
  pickable?: boolean;
  updateTriggers?: Record<string, unknown>;
  [prop: string]: unknown;
}
