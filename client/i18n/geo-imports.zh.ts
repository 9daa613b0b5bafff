/** Chinese strings of the division list / boundary import and the GIS downloads (geo-imports.en.ts mirrors every key). */
export const geoImportsZh = {
  section: '区划名录与边界（市级管理员）',
  'kind.divisions': '区划名录',
  'kind.boundaries': '行政区划边界',
  'drop.divisions': '点击或拖入区划名录 .xlsx / .csv（代码、名称、上级代码，可有级别）',
  'drop.boundaries': '点击或拖入边界文件：GeoJSON、Shapefile 压缩包（.zip）或 GeoPackage（.gpkg）',
  skipUnknown: '跳过不在区划名录中的代码',
  retired: '已撤销的代码（{n} 个）',
  unknown: '不在区划名录中的代码（{n} 个）',
  invalid: '{n} 个边界无效。',
  makeValid: '修复无效几何（ST_MakeValid）并重新校验',
  crs: '坐标系 EPSG:{srid}{swapped}',
  swapped: '（已调换经纬度顺序）',
  downloads: 'GIS 下载（EPSG:4326）',
  'download.boundaries': '县级边界',
  'download.projects': '项目点位',
  'download.pv': '光伏电站',
} as const;
export type GeoImportsMessageKey = keyof typeof geoImportsZh;
