/** Server configuration from the environment, validated once at start-up. */
import { z } from 'zod';
import { StartupError } from './errors.ts';

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().default('.data'),
  /** Fill an empty database with the generated 商丘市 demo data (default on). */
  DEMO_DATA: z.enum(['on', 'off']).default('on'),
});
export type Config = z.infer<typeof Env>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    throw new StartupError(`Invalid configuration: ${msg}.`);
  }
  return parsed.data;
}
