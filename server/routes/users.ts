/**
 * User administration (city administrator only): list and create accounts, assign role and county,
 * disable (the user's sessions end at once), reset a password. Every change is audited.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { requires, userOf } from '../auth/context.ts';
import { checkPassword } from '../auth/password-policy.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import { findUserById, insertUser, listUsers, updateUser, userView, validateAssignment } from '../auth/user-store.ts';
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserView, UserWithPassword } from '../contracts/auth.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid request', ...json(ErrorBody) },
  401: { description: 'Not logged in', ...json(ErrorBody) },
  403: { description: 'Not a city administrator', ...json(ErrorBody) },
};
const UserId = z.object({ id: z.coerce.number().int().min(1).openapi({ param: { name: 'id', in: 'path' }, example: 2 }) });

const list = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  summary: 'All accounts',
  ...requires('users:manage'),
  responses: { 200: { description: 'Accounts, oldest first', ...json(z.object({ items: z.array(UserView) })) }, ...errors },
});

const create = createRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  summary: 'Create an account (with a generated password when none is given)',
  ...requires('users:manage'),
  request: { body: { required: true, ...json(CreateUserBody) } },
  responses: { 201: { description: 'Created', ...json(UserWithPassword) }, 409: { description: 'Username taken', ...json(ErrorBody) }, ...errors },
});

const update = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags: ['users'],
  summary: 'Change role, county, leader flag, name, or disable / enable (disabling ends the sessions at once)',
  ...requires('users:manage'),
  request: { params: UserId, body: { required: true, ...json(UpdateUserBody) } },
  responses: {
    200: { description: 'Updated', ...json(UserView) },
    404: { description: 'No such user', ...json(ErrorBody) },
    409: { description: 'Would lock the administrator out', ...json(ErrorBody) },
    ...errors,
  },
});

const resetPassword = createRoute({
  method: 'post',
  path: '/users/{id}/password',
  tags: ['users'],
  summary: 'Set a new password (generated when none is given); ends the user’s sessions',
  ...requires('users:manage'),
  request: { params: UserId, body: { required: true, ...json(ResetPasswordBody) } },
  responses: { 200: { description: 'Reset', ...json(UserWithPassword) }, 404: { description: 'No such user', ...json(ErrorBody) }, ...errors },
});

export const userRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(list, async (c) => c.json({ items: (await listUsers(database)).map(userView) }, 200))
    .openapi(create, async (c) => {
      const security = c.get('security');
      const body = c.req.valid('json');
      const assignment = { role: body.role, countyCode: body.countyCode ?? null, leader: body.leader ?? false };
      await validateAssignment(database, assignment);
      const password = body.password ?? generatePassword();
      const problems = checkPassword(password, security.options.passwordPolicy, body.username);
      if (problems.length) throw new HttpError(400, `password: ${problems.join(' ')}`, problems.map((message) => ({ path: 'password', message })));
      const row = await insertUser(database, {
        username: body.username,
        displayName: body.displayName,
        passwordHash: await hashPassword(password, security.options.scrypt),
        ...assignment,
      });
      await audit(c, { action: 'users.create', target: `user:${row.username}`, result: 'ok', detail: { role: row.role, countyCode: row.countyCode, leader: row.leader } });
      return c.json({ user: userView(row), password: body.password ? null : password }, 201);
    })
    .openapi(update, async (c) => {
      const security = c.get('security');
      const me = userOf(c);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = await findUserById(database, id);
      if (!user) throw new HttpError(404, `No user with id ${id}.`);
      const role = body.role ?? user.role;
      const assignment = {
        role,
        countyCode: body.countyCode !== undefined ? body.countyCode : role === 'county_editor' ? user.countyCode : null,
        leader: body.leader !== undefined ? body.leader : role === 'county_editor' ? user.leader : false,
      };
      if (id === me.id && (body.disabled === true || role !== 'city_admin')) {
        throw new HttpError(409, 'You cannot disable or demote your own account: ask another city administrator.');
      }
      await validateAssignment(database, assignment);
      const now = security.options.now();
      const row = await updateUser(database, id, { ...assignment, ...(body.displayName ? { displayName: body.displayName } : {}), ...(body.disabled !== undefined ? { disabled: body.disabled } : {}) }, now);
      // Rights changed or account disabled: end the sessions now rather than at their timeout.
      const rightsChanged = row.role !== user.role || row.countyCode !== user.countyCode || row.leader !== user.leader || (row.disabled && !user.disabled);
      const ended = rightsChanged ? await security.sessions.revokeUser(id) : 0;
      await audit(c, {
        action: body.disabled === true && !user.disabled ? 'users.disable' : body.disabled === false && user.disabled ? 'users.enable' : 'users.update',
        target: `user:${row.username}`,
        result: 'ok',
        detail: { role: row.role, countyCode: row.countyCode, leader: row.leader, disabled: row.disabled, sessionsEnded: ended },
      });
      return c.json(userView(row), 200);
    })
    .openapi(resetPassword, async (c) => {
      const security = c.get('security');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = await findUserById(database, id);
      if (!user) throw new HttpError(404, `No user with id ${id}.`);
      const password = body.password ?? generatePassword();
      const problems = checkPassword(password, security.options.passwordPolicy, user.username);
      if (problems.length) throw new HttpError(400, `password: ${problems.join(' ')}`, problems.map((message) => ({ path: 'password', message })));
      const now = security.options.now();
      const row = await updateUser(database, id, { passwordHash: await hashPassword(password, security.options.scrypt), passwordChangedAt: now }, now);
      const ended = await security.sessions.revokeUser(id);
      await security.throttle.clear(user.username);
      await audit(c, { action: 'users.password_reset', target: `user:${row.username}`, result: 'ok', detail: { sessionsEnded: ended } });
      return c.json({ user: userView(row), password: body.password ? null : password }, 200);
    });
