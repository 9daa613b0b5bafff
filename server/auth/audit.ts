/**
 * The audit log: `audit(c, {action, target, result})` records who (user or typed username), when,
 * from which IP, under which request id. Rows are append-only in the database (migration 0001).
 * Household targets are pseudonymized with `householdRef`, so no household id, name or ID number
 * reaches the log, its listing or its CSV export.
 */
import type { Context } from 'hono';
import type { AuditResult } from '../contracts/auth.ts';
import type { Database } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import { aggregatedActions, denialsOf } from './denials.ts';
import { keyedHash, serverSecret } from './secret.ts';

export interface AuditEvent {
  /** Dotted verb, e.g. auth.login, households.unmask, access.denied, users.update. */
  action: string;
  /** What was acted on, e.g. user:minquan, village:411421100201, household:#3f2a…, GET /api/audit. */
  target?: string | null;
  result: AuditResult;
  /** Small structured facts (reason, counts, status). Never personal data of households. */
  detail?: Record<string, unknown>;
  /** Overrides the principal: the username typed at a failed login. */
  username?: string | null;
}

export interface AuditRow extends AuditEvent {
  at: Date;
  userId?: number | null;
  role?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

/** Write one audit row outside a request (start-up tasks) or from `audit`. */
export async function writeAudit(database: Database, row: AuditRow): Promise<void> {
  await database.db.insert(auditLog).values({
    at: row.at,
    userId: row.userId ?? null,
    username: row.username?.slice(0, 64) ?? null,
    role: row.role ?? null,
    action: row.action.slice(0, 64),
    target: row.target?.slice(0, 256) ?? null,
    result: row.result,
    ip: row.ip?.slice(0, 64) ?? null,
    requestId: row.requestId?.slice(0, 128) ?? null,
    detail: row.detail ?? null,
  });
}

/**
 * Record an event of the current request. Awaited before the answer is sent: when the row cannot
 * be written the request fails (an unmasking is never shown without its audit row).
 */
export async function audit(c: Context, event: AuditEvent): Promise<void> {
  const security = c.get('security');
  const principal = c.get('principal');
  const user = principal?.kind === 'user' ? principal : undefined;
  const row: AuditRow = {
    ...event,
    at: security.options.now(),
    userId: user?.id ?? null,
    username: event.username !== undefined ? event.username : (user?.username ?? null),
    role: user?.role ?? null,
    ip: security.clientIp(c),
    requestId: c.get('requestId') ?? null,
  };
  // An anonymous flood of denials is counted, not written row by row (denials.ts).
  if (!user && (event.result === 'denied' || event.result === 'rejected') && aggregatedActions.has(event.action))
    await denialsOf(security.database).hit(row, security.options.denialWindowMs);
  else await writeAudit(security.database, row);
  c.set('audited', true);
}

/**
 * A stable pseudonym of a household id for audit targets: `household:#` + 16 hex digits of its
 * HMAC-SHA-256 under the server secret (secret.ts, made at the first start). Without the secret the
 * pseudonym of a guessable id cannot be recomputed; the server (and so the county, by asking it)
 * maps an id to its pseudonym with `householdRefOf`.
 */
export function householdRef(secret: string, id: string): string {
  return `household:#${keyedHash(secret, `household:${id}`).slice(0, 16)}`;
}

/** `householdRef` under the secret of `database`. */
export async function householdRefOf(database: Database, id: string): Promise<string> {
  return householdRef(await serverSecret(database), id);
}
