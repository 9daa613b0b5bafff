/** A north arrow as a MapLibre control; it turns with the map's bearing. */
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';

export class NorthArrowControl implements IControl {
  private map?: MapLibreMap;
  private container?: HTMLDivElement;
  private arrow?: HTMLDivElement;
  private label?: HTMLSpanElement;

  constructor(private text: string) {}

  /** Change the letter under the arrow (e.g. 北 / N when the language changes). */
  setLabel(text: string) {
    this.text = text;
    if (this.label) this.label.textContent = text;
  }

  onAdd(map: MapLibreMap): HTMLElement {
    this.map = map;
    const container = document.createElement('div');
    container.className = 'maplibregl-ctrl map-north-arrow';
    container.setAttribute('role', 'img');
    container.setAttribute('aria-label', 'north');
    const arrow = document.createElement('div');
    arrow.className = 'map-north-arrow__needle';
    arrow.innerHTML =
      '<svg width="28" height="40" viewBox="0 0 28 40" aria-hidden="true">' +
      '<polygon points="14,2 25,36 14,28" fill="#1f2a3d"/>' +
      '<polygon points="14,2 3,36 14,28" fill="#ffffff" stroke="#1f2a3d" stroke-width="1.5" stroke-linejoin="round"/>' +
      '</svg>';
    const label = document.createElement('span');
    label.className = 'map-north-arrow__label';
    label.textContent = this.text;
    container.append(label, arrow);
    this.container = container;
    this.arrow = arrow;
    this.label = label;
    map.on('rotate', this.onRotate);
    this.onRotate();
    return container;
  }

  onRemove(): void {
    this.map?.off('rotate', this.onRotate);
    this.container?.remove();
    this.map = undefined;
  }

  private onRotate = () => {
    if (this.arrow && this.map) this.arrow.style.transform = `rotate(${-this.map.getBearing()}deg)`;
  };
}
