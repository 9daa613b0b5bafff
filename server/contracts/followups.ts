/**
 * Follow-up (督办) of dispatch meetings: items recorded by the city, answered by the county, closed by
 * the city office. The state (open / overdue / closed) is derived from the deadline and the closing,
 * never stored. Messages of invalid input are in Chinese: the people who type them read Chinese.
 */
import { z } from '@hono/zod-openapi';

export const followupStates = ['open', 'overdue', 'closed'] as const;
export type FollowupState = (typeof followupStates)[number];

const Day = z.iso.date('必须是 YYYY-MM-DD 格式的日期，例如 2020-07-10').openapi({ example: '2020-07-10' });
const text = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}最多 ${max} 个字`);

export const FollowupResponse = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ description: 'When it was reported (UTC, ISO 8601)' }),
    author: z.string(),
    progress: z.string(),
    report: z.string(),
  })
  .openapi('FollowupResponse');
export type FollowupResponse = z.infer<typeof FollowupResponse>;

export const Followup = z
  .object({
    id: z.number().int(),
    title: z.string(),
    detail: z.string(),
    areaCode: z.string().nullable(),
    areaName: z.string().nullable(),
    projectCode: z.string().nullable(),
    projectName: z.string().nullable(),
    countyCode: z.string(),
    countyName: z.string(),
    responsibleUnit: z.string(),
    deadline: z.string(),
    doneCriteria: z.string(),
    deckId: z.number().int().nullable(),
    deckTitle: z.string().nullable(),
    meetingDate: z.string().nullable(),
    state: z.enum(followupStates).openapi({ description: 'Derived: closed, else overdue after the deadline, else open' }),
    /** Days past the deadline (overdue items), else null. */
    daysOverdue: z.number().int().nullable(),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    closingNote: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
    demo: z.boolean(),
    responses: z.array(FollowupResponse),
  })
  .openapi('Followup');
export type Followup = z.infer<typeof Followup>;

export const FollowupList = z
  .object({
    today: z.string().openapi({ description: 'The date (Asia/Shanghai) the states were derived for' }),
    items: z.array(Followup),
  })
  .openapi('FollowupList');
export type FollowupList = z.infer<typeof FollowupList>;

export const FollowupCounts = z
  .object({
    today: z.string(),
    counties: z.array(
      z.object({
        countyCode: z.string(),
        countyName: z.string(),
        open: z.number().int().openapi({ description: 'Items not closed whose deadline has not passed' }),
        overdue: z.number().int(),
      }),
    ),
  })
  .openapi('FollowupCounts');
export type FollowupCounts = z.infer<typeof FollowupCounts>;

export const FollowupQuery = z.object({
  county: z
    .string()
    .regex(/^\d{6}$/, '县（区）代码必须是 6 位数字，例如 411421')
    .optional()
    .openapi({ example: '411421' }),
  state: z
    .enum([...followupStates, 'active'], { error: '状态必须是 open、overdue、closed 或 active（未办结）之一' })
    .optional()
    .openapi({ description: 'active: open or overdue' }),
});

export const FollowupId = z.object({
  id: z.coerce
    .number({ error: '事项编号必须是数字' })
    .int('事项编号必须是整数')
    .min(1, '事项编号必须是正整数')
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

const AreaCode = z
  .string()
  .regex(/^(\d{6}|\d{9}|\d{12})$/, '地区代码必须是县（6 位）、乡镇（9 位）或村（12 位）代码')
  .openapi({ example: '411421' });
const ProjectCode = z.string().trim().min(1).max(32, '项目编号最多 32 个字符').openapi({ example: 'FP-2020-411421-0001' });

export const FollowupCreate = z
  .object({
    title: text('督办事项', 200).openapi({ example: '民权县光伏电站纳入全国扶贫信息系统完成率仅50%' }),
    detail: z.string().trim().max(2000, '情况说明最多 2000 个字').default(''),
    areaCode: AreaCode.nullable().optional(),
    projectCode: ProjectCode.nullable().optional(),
    responsibleUnit: text('责任单位', 100).openapi({ example: '民权县扶贫办' }),
    deadline: Day,
    doneCriteria: text('办结标准', 1000).openapi({ example: '全县光伏电站全部纳入全国扶贫信息系统' }),
    deckId: z.number().int().min(1).nullable().optional(),
    meetingDate: Day.nullable().optional(),
  })
  .refine((b) => !!b.areaCode || !!b.projectCode, { message: '请指定涉及的地区（县、乡镇或村）或项目', path: ['areaCode'] })
  .openapi('FollowupCreate');
export type FollowupCreate = z.infer<typeof FollowupCreate>;

const Version = z
  .number({ error: '版本号必须是数字' })
  .int()
  .min(1)
  .openapi({ description: 'The version this change is based on; an older one answers 409 with the item as it is now.' });

export const FollowupEdit = z
  .strictObject(
    {
      version: Version,
      title: text('督办事项', 200).optional(),
      detail: z.string().trim().max(2000, '情况说明最多 2000 个字').optional(),
      responsibleUnit: text('责任单位', 100).optional(),
      deadline: Day.optional(),
      doneCriteria: text('办结标准', 1000).optional(),
      meetingDate: Day.nullable().optional(),
    },
    { error: (iss) => (iss.code === 'unrecognized_keys' ? `不能在这里修改的字段：${iss.keys.join('、')}` : undefined) },
  )
  .openapi('FollowupEdit');
export type FollowupEdit = z.infer<typeof FollowupEdit>;

export const FollowupAnswer = z
  .object({
    progress: text('进展情况', 200).openapi({ example: '已完成6座电站信息录入，剩余2座本周内完成' }),
    report: z.string().trim().max(4000, '情况报告最多 4000 个字').default(''),
  })
  .openapi('FollowupAnswer');

export const FollowupClose = z
  .object({ version: Version, note: text('办结说明', 1000).openapi({ example: '经核查，全部电站已纳入系统' }) })
  .openapi('FollowupClose');

export const FollowupConflict = z
  .object({ error: z.object({ message: z.string() }), current: Followup })
  .openapi('FollowupConflict', { description: 'Changed by someone else first: the item as it is now, to compare and redo the change.' });
