/**
 * A failed query must not shift the answers of the queries after it. The embedded database once did:
 * after an error at Bind (a parameter of the wrong type) its extra ReadyForQuery ended the driver's
 * next query early, and every later answer on the connection belonged to the query before it
 * (server/db/wire-filter.ts).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase({ demo: false });
});
afterAll(() => database?.dispose());

const failures = [
  { case: 'a parameter of the wrong type (fails at Bind)', query: () => sql`SELECT ${'abc'}::int AS v` },
  { case: 'a column that does not exist (fails at Parse)', query: () => sql`SELECT nope FROM pg_class WHERE relname = ${'x'}` },
  { case: 'a division by zero in the rows (fails at Execute)', query: () => sql`SELECT 1 / (g - 3) FROM generate_series(1, ${5}::int) g` },
  {
    case: 'invalid GeoJSON in a 70 KB parameter',
    query: () => sql`SELECT ST_GeomFromGeoJSON(${'{"type":"Polygon","coordinates":[' + '[1,2],'.repeat(12_000) + '}'})`,
  },
];

describe(`a failed query leaves the connection in step (${testBackend})`, () => {
  it.each(failures)('$case', async ({ query }) => {
    for (let round = 0; round < 5; round++) {
      const asked = Array.from({ length: 6 }, (_, i) => round * 100 + i);
      // The failure is sent amid queries already queued behind it, as concurrent requests do.
      const answers = await Promise.allSettled([
        database.rows<{ v: number }>(sql`SELECT ${asked[0]}::int AS v`),
        database.rows(query()),
        ...asked.slice(1).map((v) => database.rows<{ v: number }>(sql`SELECT ${v}::int AS v`)),
      ]);
      expect(answers[1].status, 'the failing query fails').toBe('rejected');
      const got = answers
        .filter((_, i) => i !== 1)
        .map((a) => (a.status === 'fulfilled' ? (a.value as { v: number }[])[0]?.v : a.reason.message));
      expect(got).toEqual(asked);
      const [after] = await database.rows<{ v: number }>(sql`SELECT ${round}::int AS v`);
      expect(after?.v).toBe(round);
    }
  });
});
