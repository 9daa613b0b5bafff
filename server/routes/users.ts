/**
 * User administration (city administrator only): list and create accounts, assign role and county,
 * disable (the user's sessions end at once), reset a password. Every change is audited.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { requires, userOf } from '../auth/context.ts';
import { checkPassword } from '../auth/password-policy.ts';
import { grantOf } from '../auth/permissions.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import { assignmentProblem, findUserById, insertUser, listUsers, updateUser, userView, type UserRow } from '../auth/user-store.ts';
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserId, UserList, UserView, UserWithPassword } from '../contracts/auth.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, jsonContent, newRouter } from '../http.ts';

const errors = {
  400: { description: 'Invalid request', ...jsonContent(ErrorBody) },
  401: { description: 'Not logged in', ...jsonContent(ErrorBody) },
  403: { description: 'Not a city administrator', ...jsonContent(ErrorBody) },
};

const list = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  summary: 'All accounts',
  ...requires('users:manage'),
  responses: { 200: { description: 'Accounts, oldest first', ...jsonContent(UserList) }, ...errors },
});

const create = createRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  summary: 'Create an account (with a generated password when none is given)',
  ...requires('users:manage'),
  request: { body: { required: true, ...jsonContent(CreateUserBody) } },
  responses: {
    201: { description: 'Created', ...jsonContent(UserWithPassword) },
    409: { description: 'Username taken', ...jsonContent(ErrorBody) },
    ...errors,
  },
});

const update = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags: ['users'],
  summary: 'Change role, county, leader flag, name, or disable / enable (disabling ends the sessions at once)',
  ...requires('users:manage'),
  request: { params: UserId, body: { required: true, ...jsonContent(UpdateUserBody) } },
  responses: {
    200: { description: 'Updated', ...jsonContent(UserView) },
    404: { description: 'No such user', ...jsonContent(ErrorBody) },
    409: { description: 'Would lock the administrator out', ...jsonContent(ErrorBody) },
    ...errors,
  },
});

const resetPassword = createRoute({
  method: 'post',
  path: '/users/{id}/password',
  tags: ['users'],
  summary: 'Set a new password (generated when none is given); ends the user’s sessions',
  ...requires('users:manage'),
  request: { params: UserId, body: { required: true, ...jsonContent(ResetPasswordBody) } },
  responses: {
    200: { description: 'Reset', ...jsonContent(UserWithPassword) },
    404: { description: 'No such user', ...jsonContent(ErrorBody) },
    ...errors,
  },
});

/** Whether an account (as stored) may unmask household records: a county editor with a county, not disabled. */
export function canUnmask(u: Pick<UserRow, 'id' | 'username' | 'displayName' | 'role' | 'countyCode' | 'leader' | 'disabled'>): boolean {
  if (u.disabled) return false;
  const principal = { kind: 'user' as const, ...u };
  return grantOf(principal, 'households:unmask', { anonymousRead: false }) !== null;
}

/**
 * Giving an account the right to unmask household records (creating it, re-roling it, moving it to
 * another county, enabling it again) is its own audited action, naming the administrator who did it.
 */
async function auditUnmaskGrant(c: Context, before: UserRow | undefined, after: UserRow, via: 'create' | 'update' | 'enable') {
  if (!canUnmask(after) || (before && canUnmask(before) && before.countyCode === after.countyCode)) return;
  const admin = userOf(c);
  await audit(c, {
    action: 'users.grant_unmask',
    target: `user:${after.username}`,
    result: 'ok',
    detail: {
      grantedBy: admin.username,
      grantedById: admin.id,
      via,
      role: after.role,
      countyCode: after.countyCode,
      previousRole: before?.role ?? null,
      previousCountyCode: before?.countyCode ?? null,
    },
  });
}

/** A refused role/county/leader combination is the request's fault: 400, the sentence names the field. */
async function requireAssignment(database: AppDeps['database'], a: Parameters<typeof assignmentProblem>[1]): Promise<void> {
  const problem = await assignmentProblem(database, a);
  if (problem) throw new HttpError(400, problem.message);
}

const noSuchUser = (id: number) => new HttpError(404, `No user with id ${id}.`);

export const userRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(list, async (c) => c.json({ items: (await listUsers(database)).map(userView) }, 200))
    .openapi(create, async (c) => {
      const security = c.get('security');
      const body = c.req.valid('json');
      const assignment = { role: body.role, countyCode: body.countyCode ?? null, leader: body.leader ?? false };
      await requireAssignment(database, assignment);
      const password = body.password ?? generatePassword();
      const problems = checkPassword(password, security.options.passwordPolicy, body.username);
      if (problems.length)
        throw new HttpError(
          400,
          `password: ${problems.join(' ')}`,
          problems.map((message) => ({ path: 'password', message })),
        );
      const created = await insertUser(database, {
        username: body.username,
        displayName: body.displayName,
        passwordHash: await hashPassword(password, security.options.scrypt),
        ...assignment,
      });
      if (!created.ok) throw new HttpError(409, `username: ${body.username} is already taken.`);
      const row = created.user;
      await audit(c, {
        action: 'users.create',
        target: `user:${row.username}`,
        result: 'ok',
        detail: { role: row.role, countyCode: row.countyCode, leader: row.leader },
      });
      await auditUnmaskGrant(c, undefined, row, 'create');
      return c.json({ user: userView(row), password: body.password ? null : password }, 201);
    })
    .openapi(update, async (c) => {
      const security = c.get('security');
      const me = userOf(c);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = await findUserById(database, id);
      if (!user) throw noSuchUser(id);
      const role = body.role ?? user.role;
      const assignment = {
        role,
        countyCode: body.countyCode !== undefined ? body.countyCode : role === 'county_editor' ? user.countyCode : null,
        leader: body.leader !== undefined ? body.leader : role === 'county_editor' ? user.leader : false,
      };
      if (id === me.id && (body.disabled === true || role !== 'city_admin')) {
        throw new HttpError(409, 'You cannot disable or demote your own account: ask another city administrator.');
      }
      await requireAssignment(database, assignment);
      const now = security.options.now();
      const row = await updateUser(
        database,
        id,
        {
          ...assignment,
          ...(body.displayName ? { displayName: body.displayName } : {}),
          ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
        },
        now,
      );
      if (!row) throw noSuchUser(id);
      // Rights changed or account disabled: end the sessions now rather than at their timeout.
      const rightsChanged =
        row.role !== user.role || row.countyCode !== user.countyCode || row.leader !== user.leader || (row.disabled && !user.disabled);
      const ended = rightsChanged ? await security.sessions.revokeUser(id) : 0;
      await audit(c, {
        action:
          body.disabled === true && !user.disabled
            ? 'users.disable'
            : body.disabled === false && user.disabled
              ? 'users.enable'
              : 'users.update',
        target: `user:${row.username}`,
        result: 'ok',
        detail: { role: row.role, countyCode: row.countyCode, leader: row.leader, disabled: row.disabled, sessionsEnded: ended },
      });
      await auditUnmaskGrant(c, user, row, user.disabled && !row.disabled ? 'enable' : 'update');
      return c.json(userView(row), 200);
    })
    .openapi(resetPassword, async (c) => {
      const security = c.get('security');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = await findUserById(database, id);
      if (!user) throw noSuchUser(id);
      const password = body.password ?? generatePassword();
      const problems = checkPassword(password, security.options.passwordPolicy, user.username);
      if (problems.length)
        throw new HttpError(
          400,
          `password: ${problems.join(' ')}`,
          problems.map((message) => ({ path: 'password', message })),
        );
      const now = security.options.now();
      const row = await updateUser(
        database,
        id,
        { passwordHash: await hashPassword(password, security.options.scrypt), passwordChangedAt: now },
        now,
      );
      if (!row) throw noSuchUser(id);
      const ended = await security.sessions.revokeUser(id);
      await security.throttle.clear(user.username);
      await audit(c, { action: 'users.password_reset', target: `user:${row.username}`, result: 'ok', detail: { sessionsEnded: ended } });
      return c.json({ user: userView(row), password: body.password ? null : password }, 200);
    });
