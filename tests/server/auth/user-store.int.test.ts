/**
 * The account store answers in its own terms, never HTTP: a refused assignment is a problem naming its
 * field, a taken username and a missing user are typed results (the routes turn them into 400/409/404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentProblem, findUserByName, insertUser, updateUser } from '../../../server/auth/user-store.ts';
import { HttpError } from '../../../server/errors.ts';
import type { Role } from '../../../server/contracts/auth.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { seedFixtures } from './fixtures.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedFixtures(database);
});
afterAll(() => database?.dispose());

const account = (username: string) => ({
  username,
  displayName: username,
  passwordHash: 'x',
  role: 'planner' as const,
  countyCode: null,
  leader: false,
});

describe(`user store (${testBackend})`, () => {
  it.each<{ title: string; role: Role; countyCode: string | null; leader: boolean; problem: null | { field: string; message: RegExp } }>([
    { title: 'a county editor of a county', role: 'county_editor', countyCode: '411421', leader: true, problem: null },
    { title: 'a planner without county', role: 'planner', countyCode: null, leader: false, problem: null },
    {
      title: 'a county editor without county',
      role: 'county_editor',
      countyCode: null,
      leader: false,
      problem: { field: 'countyCode', message: /^countyCode: a county editor needs/ },
    },
    {
      title: 'a county editor of a code that is no county',
      role: 'county_editor',
      countyCode: '411421100',
      leader: false,
      problem: { field: 'countyCode', message: /^countyCode: 411421100 is not a county-level division/ },
    },
    {
      title: 'a county editor of an unknown county',
      role: 'county_editor',
      countyCode: '419999',
      leader: false,
      problem: { field: 'countyCode', message: /^countyCode: 419999/ },
    },
    {
      title: 'a leader with a county',
      role: 'leader',
      countyCode: '411421',
      leader: false,
      problem: { field: 'countyCode', message: /^countyCode: only a county editor has a county \(role leader/ },
    },
    {
      title: 'the sign-off flag on a planner',
      role: 'planner',
      countyCode: null,
      leader: true,
      problem: { field: 'leader', message: /^leader: only a county editor/ },
    },
  ])('assignment: $title', async ({ role, countyCode, leader, problem }) => {
    const found = await assignmentProblem(database, { role, countyCode, leader });
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatchObject({ field: problem.field, message: expect.stringMatching(problem.message) });
  });

  it('inserts a new username once; the second time says taken and writes nothing', async () => {
    const first = await insertUser(database, account('store-new'));
    expect(first.ok && first.user.username).toBe('store-new');
    const again = await insertUser(database, { ...account('store-new'), displayName: 'other' });
    expect(again).toEqual({ ok: false, reason: 'taken' });
    expect((await findUserByName(database, 'store-new'))?.displayName).toBe('store-new');
  });

  it('updates a user and gives undefined (no error) for an id nobody has', async () => {
    const created = await insertUser(database, account('store-update'));
    if (!created.ok) throw new Error('insert failed');
    const now = new Date('2026-01-02T03:04:05Z');
    const row = await updateUser(database, created.user.id, { displayName: '改名' }, now);
    expect(row).toMatchObject({ displayName: '改名', version: created.user.version + 1 });
    const missing = updateUser(database, 2_000_000_000, { displayName: 'x' }, now);
    await expect(missing).resolves.toBeUndefined();
  });

  it('throws no HTTP errors for refused input', async () => {
    const outcomes = await Promise.allSettled([
      assignmentProblem(database, { role: 'county_editor', countyCode: null, leader: false }),
      insertUser(database, account('planner')),
      updateUser(database, 2_000_000_001, { disabled: true }, new Date()),
    ]);
    for (const o of outcomes) {
      expect(o.status).toBe('fulfilled');
      if (o.status === 'rejected') expect(o.reason).not.toBeInstanceOf(HttpError);
    }
  });
});
