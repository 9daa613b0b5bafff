/**
 * Accounts, roles and permissions: the names both the server and the client use, and the shapes of
 * the auth, user-administration, audit and household APIs.
 */
import { z } from '@hono/zod-openapi';

/**
 * Roles. A county editor carries a county code; with the `leader` flag it may also sign its county's
 * ledger (签字). See docs/security.md for what each role may do.
 */
export const roles = ['city_admin', 'county_editor', 'leader', 'planner'] as const;
export type Role = (typeof roles)[number];

/** Role names as the interface shows them. */
export const roleLabels: Record<Role, string> = {
  city_admin: '市级管理员',
  county_editor: '县级填报员',
  leader: '领导',
  planner: '规划人员',
};

/**
 * What a route may require. `public` needs nothing (login, the API description); `aggregates:read`
 * is granted to every role and, when ANONYMOUS_READ=on, to anonymous visitors.
 */
export const permissions = [
  'public',
  'aggregates:read',
  'account:self',
  'ledger:read',
  'ledger:write',
  'ledger:sign',
  'households:read',
  'households:unmask',
  'households:write',
  'siting:use',
  'import:run',
  'users:manage',
  'audit:read',
  'targets:manage',
  'meetings:write',
  'followups:read',
  'followups:manage',
  'followups:answer',
  'followups:close',
] as const;
export type Permission = (typeof permissions)[number];

/** How far a grant reaches: every county, or only the principal's own county. */
export type PermissionScope = 'all' | 'own_county';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,32}$/, 'must be 3–32 characters: lower-case letters, digits, "_", "." or "-"')
  .openapi({ example: 'minquan' });
export type Username = z.infer<typeof Username>;

export const CountyCode = z
  .string()
  .regex(/^\d{6}$/, 'must be a 6-digit county code, e.g. 411421')
  .openapi({ example: '411421' });
export type CountyCode = z.infer<typeof CountyCode>;

export const LoginBody = z
  .object({
    username: z.string().max(64).openapi({ example: 'minquan' }),
    password: z.string().max(1024),
  })
  .openapi('LoginBody');
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionUser = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(roles),
    countyCode: z.string().nullable(),
    leader: z.boolean().openapi({ description: 'County editor who may sign the county ledger (签字).' }),
  })
  .openapi('SessionUser');
export type SessionUser = z.infer<typeof SessionUser>;

export const Grant = z.object({ permission: z.enum(permissions), scope: z.enum(['all', 'own_county']) });
export type Grant = z.infer<typeof Grant>;

export const Me = z
  .object({
    user: SessionUser.nullable().openapi({ description: 'null when not logged in.' }),
    anonymousRead: z.boolean().openapi({ description: 'Whether aggregates can be read without logging in (ANONYMOUS_READ).' }),
    grants: z.array(Grant),
    passwordPolicy: z.object({ mode: z.enum(['length', 'complexity']), minLength: z.number().int() }),
  })
  .openapi('Me');
export type Me = z.infer<typeof Me>;

export const ChangePasswordBody = z
  .object({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) })
  .openapi('ChangePasswordBody');
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const UserView = SessionUser.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
}).openapi('User');
export type UserView = z.infer<typeof UserView>;

export const CreateUserBody = z
  .object({
    username: Username,
    displayName: z.string().trim().min(1).max(64),
    role: z.enum(roles),
    countyCode: CountyCode.nullable().optional(),
    leader: z.boolean().optional(),
    password: z.string().max(1024).optional().openapi({ description: 'Omit to have the server generate one (returned once).' }),
  })
  .openapi('CreateUserBody');
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    role: z.enum(roles).optional(),
    countyCode: CountyCode.nullable().optional(),
    leader: z.boolean().optional(),
    disabled: z.boolean().optional().openapi({ description: 'true ends all of the user’s sessions at once.' }),
  })
  .openapi('UpdateUserBody');
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ResetPasswordBody = z
  .object({ password: z.string().max(1024).optional().openapi({ description: 'Omit to have the server generate one (returned once).' }) })
  .openapi('ResetPasswordBody');
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;

export const UserWithPassword = z
  .object({
    user: UserView,
    password: z.string().nullable().openapi({ description: 'The generated password, shown once; null when the administrator set it.' }),
  })
  .openapi('UserWithPassword');
export type UserWithPassword = z.infer<typeof UserWithPassword>;

export const auditResults = ['ok', 'denied', 'failed', 'rejected'] as const;
export type AuditResult = (typeof auditResults)[number];

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.number().int().nullable(),
    username: z.string().nullable(),
    role: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    result: z.enum(auditResults),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Dates and times the application accepts: the years 2000–2100 (older or later ones are typing errors). */
const saneYear = (s: string) => s.slice(0, 4) >= '2000' && s.slice(0, 4) <= '2100';

export const AuditQuery = z.object({
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(1)
    .openapi({ param: { name: 'page', in: 'query' }, example: 1 }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .openapi({ param: { name: 'pageSize', in: 'query' }, example: 50 }),
  action: z
    .string()
    .max(64)
    .optional()
    .openapi({ param: { name: 'action', in: 'query' }, example: 'auth.login' }),
  username: z
    .string()
    .max(64)
    .optional()
    .openapi({ param: { name: 'username', in: 'query' } }),
  result: z
    .enum(auditResults)
    .optional()
    .openapi({ param: { name: 'result', in: 'query' } }),
  from: z.iso
    .datetime({ offset: true })
    .refine(saneYear, 'must be a time from the year 2000 to 2100')
    .optional()
    .openapi({ param: { name: 'from', in: 'query' }, example: '2020-06-01T00:00:00+08:00' }),
  to: z.iso
    .datetime({ offset: true })
    .refine(saneYear, 'must be a time from the year 2000 to 2100')
    .optional()
    .openapi({ param: { name: 'to', in: 'query' } }),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z
  .object({ items: z.array(AuditEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('AuditPage');
export type AuditPage = z.infer<typeof AuditPage>;

/** A household record as a county editor sees it: name and ID number masked by the server. */
export const HouseholdRecord = z
  .object({
    id: z.string(),
    villageCode: z.string(),
    category: z.string(),
    labour: z.string(),
    members: z.number().int(),
    industryMeasures: z.number().int(),
    wageEmployment: z.boolean(),
    dividend: z.boolean(),
    publicWelfareJob: z.boolean(),
    socialAssistance: z.boolean(),
    incomePerCapitaYuan: z.number(),
    holderName: z.string().nullable().openapi({ description: 'Masked, e.g. 张*明.', example: '张*明' }),
    idNumber: z.string().nullable().openapi({ description: 'Masked, e.g. 4114**********1234.', example: '4114**********1234' }),
    version: z.number().int(),
  })
  .openapi('HouseholdRecord');
export type HouseholdRecord = z.infer<typeof HouseholdRecord>;

export const HouseholdList = z
  .object({ villageCode: z.string(), villageName: z.string(), items: z.array(HouseholdRecord) })
  .openapi('HouseholdList');
export type HouseholdList = z.infer<typeof HouseholdList>;

export const UnmaskBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(2)
      .max(200)
      .openapi({ description: 'Why the full name and ID are needed (kept in the audit log).', example: '核对低保材料' }),
  })
  .openapi('UnmaskBody');
export type UnmaskBody = z.infer<typeof UnmaskBody>;

export const UnmaskedHousehold = z
  .object({ id: z.string(), holderName: z.string().nullable(), idNumber: z.string().nullable() })
  .openapi('UnmaskedHousehold');
export type UnmaskedHousehold = z.infer<typeof UnmaskedHousehold>;

export const HouseholdUpdate = z.object({
  id: z.string().min(1).max(32),
  version: z.number().int().min(1).openapi({ description: 'The version read; a changed row answers 409.' }),
  industryMeasures: z.number().int().min(0).max(20).optional(),
  wageEmployment: z.boolean().optional(),
  dividend: z.boolean().optional(),
  publicWelfareJob: z.boolean().optional(),
  socialAssistance: z.boolean().optional(),
});
export type HouseholdUpdate = z.infer<typeof HouseholdUpdate>;

export const HouseholdUpdateBody = z.object({ updates: z.array(HouseholdUpdate).min(1).max(500) }).openapi('HouseholdUpdateBody');
export type HouseholdUpdateBody = z.infer<typeof HouseholdUpdateBody>;

export const HouseholdUpdateResult = z.object({ updated: z.number().int() }).openapi('HouseholdUpdateResult');
export type HouseholdUpdateResult = z.infer<typeof HouseholdUpdateResult>;

export const LoginAnswer = z.object({ user: SessionUser }).openapi('LoginAnswer');
export type LoginAnswer = z.infer<typeof LoginAnswer>;

export const UserList = z.object({ items: z.array(UserView) }).openapi('UserList');
export type UserList = z.infer<typeof UserList>;

export const UserId = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 2 }),
});
export type UserId = z.infer<typeof UserId>;

export const AuditExportQuery = AuditQuery.omit({ page: true, pageSize: true });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

/** The audit log as CSV text (UTF-8 with BOM). */
export const AuditCsv = z
  .string()
  .openapi({ description: 'CSV: id, at, userId, username, role, action, target, result, ip, requestId, detail' });
export type AuditCsv = z.infer<typeof AuditCsv>;

export const VillageQuery = z.object({
  village: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit village code')
    .openapi({ param: { name: 'village', in: 'query' }, example: '411421100201' }),
});
export type VillageQuery = z.infer<typeof VillageQuery>;

export const HouseholdId = z.object({
  id: z
    .string()
    .min(1)
    .max(32)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'H41142110020100001' }),
});
export type HouseholdId = z.infer<typeof HouseholdId>;
