/**
 * GeoJSON geometry shapes (RFC 7946) as the API sends them, EPSG:4326. Positions are [lng, lat]
 * arrays, so the inferred types fit `@types/geojson` (and deck.gl) without casts.
 */
import { z } from '@hono/zod-openapi';

export const Position = z
  .array(z.number())
  .min(2)
  .openapi({ description: '[longitude, latitude]', example: [115.14, 34.65] });

export const Point = z.object({ type: z.literal('Point'), coordinates: Position }).openapi('Point');
export type Point = z.infer<typeof Point>;
export const LineString = z.object({ type: z.literal('LineString'), coordinates: z.array(Position) }).openapi('LineString');
export type LineString = z.infer<typeof LineString>;
export const Polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }).openapi('Polygon');
export type Polygon = z.infer<typeof Polygon>;
export const MultiPoint = z.object({ type: z.literal('MultiPoint'), coordinates: z.array(Position) }).openapi('MultiPoint');
export const MultiLineString = z
  .object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position)) })
  .openapi('MultiLineString');
export const MultiPolygon = z
  .object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) })
  .openapi('MultiPolygon');
export type MultiPolygon = z.infer<typeof MultiPolygon>;

/** Any geometry a ledger row may have (a project is a point, a road a line, an irrigation area a polygon). */
export const Geometry = z
  .discriminatedUnion('type', [Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon])
  .openapi('Geometry');
export type Geometry = z.infer<typeof Geometry>;

/** A GeoJSON Feature with the given geometry and properties schemas. */
export const feature = <G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) =>
  z.object({ type: z.literal('Feature'), geometry, properties });
