/** Sign-off (层层签字) of a county ledger for a period by its main leader and its deputy in charge. */
import { z } from '@hono/zod-openapi';

export const Period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM, e.g. 2020-06')
  .openapi({ example: '2020-06' });

export const SignoffQuery = z.object({ period: Period.openapi({ param: { name: 'period', in: 'query' } }) });
export type SignoffQuery = z.infer<typeof SignoffQuery>;

export const SignBody = z
  .object({
    countyCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit county code'),
    period: Period,
    role: z.enum(['main', 'deputy']).openapi({ description: 'main: 主要领导; deputy: 分管领导' }),
  })
  .openapi('SignBody');
export type SignBody = z.infer<typeof SignBody>;

const Signature = z
  .object({
    signer: z.string(),
    signedAt: z.string(),
    current: z.boolean().openapi({ description: 'False when the ledger changed after signing.' }),
  })
  .nullable();

export const signoffStates = ['unsigned', 'partial', 'signed', 'changed'] as const;

export const CountySignoff = z
  .object({
    countyCode: z.string(),
    countyName: z.string(),
    state: z
      .enum(signoffStates)
      .openapi({ description: 'unsigned 未签字; partial 只签了一人; signed 已签字; changed 签字后台账有改动，需重新签字' }),
    main: Signature,
    deputy: Signature,
  })
  .openapi('CountySignoff');
export type CountySignoff = z.infer<typeof CountySignoff>;

export const SignoffList = z.object({ period: z.string(), items: z.array(CountySignoff) }).openapi('SignoffList');
export type SignoffList = z.infer<typeof SignoffList>;
