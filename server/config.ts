/** Server configuration from the environment, validated once at start-up. */
import { z } from 'zod';
import { StartupError } from './errors.ts';

const Env = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number, e.g. 8787' })
    .int('must be a whole number')
    .min(0, 'must be 0–65535')
    .max(65535, 'must be 0–65535')
    .default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * PostgreSQL streaming replicas for the cached read-only answers, comma-separated postgres:// URLs
   * (server/db/replicas.ts). Needs DATABASE_URL: the embedded database has no replicas.
   */
  DATABASE_READ_URL: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .refine((urls) => urls.every((u) => /^postgres(ql)?:\/\//.test(u)), 'must be postgres:// or postgresql:// URLs, separated by commas'),
  DATA_DIR: z.string().default('.data'),
  /** Fill an empty database with the generated 商丘市 demo data (default on). */
  DEMO_DATA: z.enum(['on', 'off']).default('on'),
  // Security (docs/security.md).
  /** Read-only anonymous view of aggregates (regions, measures, aggregate layers); never household data. */
  ANONYMOUS_READ: z.enum(['on', 'off']).default('on'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** `length` (OWASP ASVS: ≥ PASSWORD_MIN_LENGTH characters) or `complexity` (MLPS 2.0: also 3 of 4 character classes). */
  PASSWORD_POLICY: z.enum(['length', 'complexity']).default('length'),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(12),
  BODY_LIMIT_KB: z.coerce
    .number()
    .int()
    .min(1)
    .max(100 * 1024)
    .default(1024),
  UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).max(1024).default(20),
  /** Behind a reverse proxy: take the client IP, scheme and host from X-Forwarded-* headers. */
  TRUST_PROXY: z.enum(['on', 'off']).default('off'),
  /** Secure flag of the session cookie: auto = when the request came over https. */
  COOKIE_SECURE: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Household records one user may unmask per hour (then 429 and an audited alert). */
  UNMASK_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Host names the server answers to, comma-separated (default the localhost names; `*` for any). */
  ALLOWED_HOSTS: z.string().optional(),
});
export type Config = z.infer<typeof Env>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    throw new StartupError(`Invalid configuration: ${msg}.`);
  }
  if (parsed.data.DATABASE_READ_URL.length > 0 && !parsed.data.DATABASE_URL) {
    throw new StartupError(
      'Invalid configuration: DATABASE_READ_URL is set but DATABASE_URL is not. Read replicas are copies of a PostgreSQL server: set DATABASE_URL to the primary, or unset DATABASE_READ_URL to use the embedded database (which has no replicas).',
    );
  }
  return parsed.data;
}
