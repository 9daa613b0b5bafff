/** DATABASE_READ_URL (server/config.ts): comma-separated replica URLs, only with a PostgreSQL primary. */
import { expect, it } from 'vitest';
import { readConfig } from '../../server/config.ts';
import { StartupError } from '../../server/errors.ts';

it('reads DATABASE_READ_URL as a list of replica URLs, empty when unset', () => {
  expect(readConfig({}).DATABASE_READ_URL).toEqual([]);
  const config = readConfig({
    DATABASE_URL: 'postgres://db0/fupin',
    DATABASE_READ_URL: 'postgres://db1/fupin, postgresql://db2:5433/fupin',
  });
  expect(config.DATABASE_READ_URL).toEqual(['postgres://db1/fupin', 'postgresql://db2:5433/fupin']);
});

it('refuses DATABASE_READ_URL without DATABASE_URL, or with something that is not a postgres URL', () => {
  const err = (() => {
    try {
      readConfig({ DATABASE_READ_URL: 'postgres://db1/fupin' });
    } catch (e) {
      return e;
    }
  })();
  expect(err).toBeInstanceOf(StartupError);
  expect((err as Error).message).toMatch(/DATABASE_READ_URL is set but DATABASE_URL is not.*embedded database \(which has no replicas\)/);
  expect(() => readConfig({ DATABASE_URL: 'postgres://db0/fupin', DATABASE_READ_URL: 'mysql://db1' })).toThrow(
    /DATABASE_READ_URL must be postgres:\/\//,
  );
});
