/**
 * Dates as people in 商丘 write and read them. The audit log and the accounts keep UTC instants; the
 * interface shows and takes Beijing time (UTC+8, no daylight saving), whatever the browser's zone.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant (ISO string) as Beijing time `2020-06-20 14:03:05` (`withSeconds` false: `2020-06-20 14:03`); '' when invalid. */
export function formatBeijing(iso: string | null | undefined, withSeconds = true): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t + BEIJING_OFFSET_MS);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${date} ${time}`;
}

/** Today's date in Beijing, `YYYY-MM-DD`. */
export function beijingToday(now: Date = new Date()): string {
  return formatBeijing(now.toISOString()).slice(0, 10);
}

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A date as users type it — `2020-06-20`, `2020-6-20`, `2020/6/20`, `2020.6.20`, `20200620`,
 * `2020年6月20日` (also with full-width digits or spaces) — as `YYYY-MM-DD`; null when it is not one.
 */
export function parseUserDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const s = text
    .normalize('NFKC') // full-width digits and punctuation
    .replace(/\s+/g, '')
    .trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The formats the date pickers accept as typed (the first is how they show a date). */
export const dateInputFormats = ['YYYY-MM-DD', 'YYYY年M月D日', 'YYYY-M-D', 'YYYY/M/D', 'YYYY.M.D', 'YYYYMMDD'] as const;

/**
 * A range of Beijing dates (inclusive) as the audit API's `from`/`to` instants with offset:
 * from the first day's 00:00:00 to the last day's 23:59:59.999, +08:00. Either end may be open.
 */
export function dayRangeToInstants(from: string | null, to: string | null): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  const f = parseUserDate(from);
  const t = parseUserDate(to);
  if (f && t && f > t) return { from: `${t}T00:00:00+08:00`, to: `${f}T23:59:59.999+08:00` };
  if (f) out.from = `${f}T00:00:00+08:00`;
  if (t) out.to = `${t}T23:59:59.999+08:00`;
  return out;
}
