/** The security settings (from server/config.ts), with the documented defaults (docs/security.md). */
import { defaultAllowedHosts, parseAllowedHosts } from '../http/edges.ts';
import type { PasswordPolicy } from './password-policy.ts';
import { defaultScryptParams, type ScryptParams } from './password.ts';

export interface SecurityOptions {
  /** Aggregates readable without logging in (ANONYMOUS_READ, default true). Household data never is. */
  anonymousRead: boolean;
  /** A session ends after this long without a request (SESSION_IDLE_MINUTES, default 30 min). */
  sessionIdleMs: number;
  /** A session ends this long after login whatever the activity (SESSION_MAX_HOURS, default 12 h). */
  sessionMaxMs: number;
  /** Failed logins of one client for one username before the delays begin (LOGIN_MAX_FAILURES, default 5). */
  loginMaxFailures: number;
  /** The longest delay after failed logins (LOCKOUT_MINUTES, default 15 min). */
  lockoutMs: number;
  /** The first delay after `loginMaxFailures` failures, doubled at each further one (default 30 s). */
  loginDelayBaseMs: number;
  /** A client's streak of failures is forgotten this long after its last failure (default 24 h). */
  loginStreakResetMs: number;
  passwordPolicy: PasswordPolicy;
  /** Window over which repeated anonymous denials of one client and route are counted in one row (default 10 min). */
  denialWindowMs: number;
  /** Household records one user may unmask per hour before 429 and an alert (UNMASK_PER_HOUR, default 30). */
  unmaskPerHour: number;
  /** Change-password requests per minute and user before 429 (default 3). */
  passwordChangeRatePerMinute: number;
  /** Wrong current passwords in one session that end it (default 5). */
  passwordChangeMaxFailures: number;
  /** Login requests per minute and (client IP, username) before 429 (default 10). */
  loginRatePerMinute: number;
  /** Largest JSON body in bytes (BODY_LIMIT_KB, default 1 MiB) → 413 beyond. */
  bodyLimitBytes: number;
  /** Largest multipart upload in bytes (UPLOAD_LIMIT_MB, default 20 MiB) → 413 beyond. */
  uploadLimitBytes: number;
  /** Trust X-Forwarded-For / X-Forwarded-Proto / X-Forwarded-Host from a reverse proxy (TRUST_PROXY, default false). */
  trustProxy: boolean;
  /** Secure cookie flag: 'auto' sets it when the request came over https (COOKIE_SECURE, default 'auto'). */
  cookieSecure: 'auto' | 'on' | 'off';
  scrypt: ScryptParams;
  /** Host names this server answers to (ALLOWED_HOSTS; default the localhost names; '*' any). */
  allowedHosts: string[];
  /** The clock (injected by tests to move time). */
  now: () => Date;
}

export const defaultSecurityOptions: SecurityOptions = {
  anonymousRead: true,
  sessionIdleMs: 30 * 60_000,
  sessionMaxMs: 12 * 3_600_000,
  loginMaxFailures: 5,
  lockoutMs: 15 * 60_000,
  loginDelayBaseMs: 30_000,
  loginStreakResetMs: 24 * 3_600_000,
  passwordPolicy: { mode: 'length', minLength: 12 },
  passwordChangeRatePerMinute: 3,
  unmaskPerHour: 30,
  denialWindowMs: 10 * 60_000,
  passwordChangeMaxFailures: 5,
  loginRatePerMinute: 10,
  bodyLimitBytes: 1024 * 1024,
  uploadLimitBytes: 20 * 1024 * 1024,
  trustProxy: false,
  cookieSecure: 'auto',
  scrypt: defaultScryptParams,
  allowedHosts: defaultAllowedHosts,
  now: () => new Date(),
};

/** The subset of server/config.ts that shapes security. */
export interface SecurityConfig {
  ANONYMOUS_READ: 'on' | 'off';
  SESSION_IDLE_MINUTES: number;
  SESSION_MAX_HOURS: number;
  LOGIN_MAX_FAILURES: number;
  LOCKOUT_MINUTES: number;
  PASSWORD_POLICY: 'length' | 'complexity';
  PASSWORD_MIN_LENGTH: number;
  BODY_LIMIT_KB: number;
  UPLOAD_LIMIT_MB: number;
  TRUST_PROXY: 'on' | 'off';
  COOKIE_SECURE: 'auto' | 'on' | 'off';
  ALLOWED_HOSTS?: string;
  UNMASK_PER_HOUR?: number;
}

export function securityOptionsFromConfig(config: SecurityConfig): Partial<SecurityOptions> {
  return {
    anonymousRead: config.ANONYMOUS_READ === 'on',
    sessionIdleMs: config.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: config.SESSION_MAX_HOURS * 3_600_000,
    loginMaxFailures: config.LOGIN_MAX_FAILURES,
    lockoutMs: config.LOCKOUT_MINUTES * 60_000,
    passwordPolicy: { mode: config.PASSWORD_POLICY, minLength: config.PASSWORD_MIN_LENGTH },
    bodyLimitBytes: config.BODY_LIMIT_KB * 1024,
    uploadLimitBytes: config.UPLOAD_LIMIT_MB * 1024 * 1024,
    trustProxy: config.TRUST_PROXY === 'on',
    cookieSecure: config.COOKIE_SECURE,
    allowedHosts: parseAllowedHosts(config.ALLOWED_HOSTS),
    ...(config.UNMASK_PER_HOUR !== undefined ? { unmaskPerHour: config.UNMASK_PER_HOUR } : {}),
  };
}
