/**
 * Server answers shown where they belong: a field's message at the field, the rest above the form.
 * The server names the field in `issues[].path` (validation) or as the message's prefix
 * (`password: 密码至少 12 个字符 …`, `username: minquan is already taken.`).
 */

export interface ServerProblem {
  message: string;
  issues?: readonly { path: string; message: string }[];
}

export interface FieldErrors<F extends string = string> {
  /** Messages per form field (only fields the form has). */
  fields: { name: F; errors: string[] }[];
  /** The sentence to show above the form, when no field took the problem. */
  general: string | null;
}

/**
 * Spread a server problem over the form's fields. `fieldMap` maps the server's names to the form's
 * (e.g. `{ newPassword: 'newPassword' }`, `{ password: 'password', username: 'username' }`).
 */
export function fieldErrorsOf<F extends string>(
  problem: ServerProblem,
  fieldMap: Readonly<Record<string, F>>,
  lang?: 'zh' | 'en',
): FieldErrors<F> {
  const byField = new Map<F, string[]>();
  const say = (m: string) => (lang ? localizeServerMessage(m, lang) : m);
  const add = (server: string, message: string) => {
    const field = fieldMap[server.split('.')[0]];
    if (!field) return false;
    byField.set(field, [...(byField.get(field) ?? []), say(message)]);
    return true;
  };
  let unplaced = false;
  if (problem.issues?.length) {
    for (const issue of problem.issues) if (!add(issue.path, issue.message)) unplaced = true;
  } else {
    // "field: sentence" (HttpError messages name the field first)
    const m = /^([A-Za-z][\w.]*): (.+)$/s.exec(problem.message.trim());
    if (!m || !add(m[1], m[2])) unplaced = true;
  }
  const fields = [...byField].map(([name, errors]) => ({ name, errors }));
  return { fields, general: unplaced || fields.length === 0 ? say(problem.message) : null };
}

/** A refused submit: the answer's status and the server's problem. */
export interface FailedSubmit extends ServerProblem {
  /** HTTP status; 0: no answer at all. */
  status: number;
}

export interface SubmitErrorOptions<F extends string> {
  /** The field a 403 (no field named) belongs to, e.g. a wrong current password. Default: none. */
  forbidden?: F;
  /** A 401 is this form's own answer (the login form), not an ended session. Default: false. */
  ownUnauthorized?: boolean;
}

/**
 * What a form shows for a refused submit: `fieldErrorsOf`, except that a 401 shows nothing (the session
 * ended: the login form takes over) and a 403 goes to the `forbidden` field when there is one.
 */
export function submitErrors<F extends string>(
  failure: FailedSubmit,
  fieldMap: Readonly<Record<string, F>>,
  lang?: 'zh' | 'en',
  options: SubmitErrorOptions<F> = {},
): FieldErrors<F> | null {
  if (failure.status === 401 && !options.ownUnauthorized) return null;
  if (failure.status === 403 && options.forbidden)
    return {
      fields: [{ name: options.forbidden, errors: [lang ? localizeServerMessage(failure.message, lang) : failure.message] }],
      general: null,
    };
  return fieldErrorsOf(failure, fieldMap, lang);
}

const CJK = /[\u3400-\u9fff]/;
const digitsOf = (s: string) => (s.match(/\d+/g) ?? []).sort().join(',');

/**
 * The server writes many sentences in both languages, one in brackets: `Wrong username or password
 * (用户名或密码错误).` or `密码至少 12 个字符 (at least 12 characters).` Show the half in the interface
 * language — unless that half would drop a number the other one gives (a wait time, a limit); then,
 * and for any other sentence, the whole message as it came.
 */
export function localizeServerMessage(message: string, lang: 'zh' | 'en'): string {
  const m = /^(.*?)\s*[(（]([^()（）]+)[)）]\s*[.。]?$/s.exec(message.trim());
  if (!m) return message;
  const [, outer, inner] = m;
  if (!outer || CJK.test(outer) === CJK.test(inner)) return message;
  const zh = (CJK.test(outer) ? outer : inner).trim().replace(/[.。]$/, '');
  const en = (CJK.test(outer) ? inner : outer).trim().replace(/[.。]$/, '');
  if (digitsOf(zh) !== digitsOf(en)) return message;
  if (lang === 'zh') return zh;
  return `${en.charAt(0).toUpperCase()}${en.slice(1)}.`;
}
