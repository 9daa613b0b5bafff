/**
 * What the siting tool draws and shows, loaded when the tool is first opened (never for the first
 * screen): deck.gl layers, turf's buffer (with its JSTS geometry engine) and the panel's antd tables.
 */
export { createSitingLayers } from '../../layers/siting-layers.ts';
export { catchmentPreview, siteAnchor } from './siting-geometry.ts';
export { SitingPanel } from './SitingPanel.tsx';
