/**
 * The record key of a household row (0–255): a keyed hash of its id under the server secret. A
 * cell's key is the sum of its records' keys (server/domain/disclosure.ts). One definition for every
 * query that publishes household counts.
 */
import { sql } from 'drizzle-orm';

export const recordKey = (secret: string, alias = 'h') => sql`get_byte(decode(md5(${secret} || ${sql.raw(alias)}.id), 'hex'), 0)`;
