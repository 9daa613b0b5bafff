/**
 * Validation against the OGC API – Features Part 1 JSON schemas (tests/fixtures/ogc-schemas/, copied
 * from the standard's repository): `ogcProblems('featureCollectionGeoJSON', body)` lists what does
 * not conform, an empty list when the answer does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/ogc-schemas');

export type OgcSchema =
  'landingPage' | 'confClasses' | 'collections' | 'collection' | 'featureCollectionGeoJSON' | 'featureGeoJSON' | 'exception';

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
// OpenAPI's `example` is documentation, not a JSON Schema keyword.
ajv.addVocabulary(['example']);
// The formats the schemas name (ajv leaves format checks to a plug-in; these two are all that is needed).
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('uri-reference', /^\S*$/);
const ids = new Map<string, string>();
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { $id: string };
  ajv.addSchema(schema);
  ids.set(file.replace(/\.json$/, ''), schema.$id);
}

/** Problems of `body` against the OGC schema `name` (empty when it conforms). */
export function ogcProblems(name: OgcSchema, body: unknown): string[] {
  const validate = ajv.getSchema(ids.get(name)!);
  if (!validate) throw new Error(`No OGC schema ${name}`);
  if (validate(body)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${name}${e.instancePath}: ${e.message ?? e.keyword}`);
}

/** Problems of each of `values` against a JSON Schema the service publishes (e.g. a collection's properties schema). */
export function schemaProblems(schema: object, values: readonly unknown[]): string[] {
  const own = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = own.compile(schema);
  return values
    .flatMap((v, i) => (validate(v) ? [] : (validate.errors ?? []).map((e) => `[${i}]${e.instancePath}: ${e.message ?? e.keyword}`)))
    .slice(0, 10);
}
