/**
 * Masking of household personal data, done by the server before anything leaves it
 * (张三明 → 张*明, 411421198001011234 → 4114**********1234). Null stays null.
 */

/**
 * Mask a person's name: keep the first and the last character, replace the rest with `*`
 * (张三明 → 张*明, 欧阳小明 → 欧**明); a two-character name keeps its first (张三 → 张*); one character → `*`.
 * Counts Unicode code points, so rare CJK characters outside the BMP are not split.
 */
export function maskName(name: string | null | undefined): string | null {
  if (name == null) return null;
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/**
 * Mask a resident ID number: keep the first 4 (province + city) and the last 4 characters
 * (411421198001011234 → 4114**********1234; old 15-digit numbers alike). Anything of 8 characters
 * or fewer is masked entirely, so no short value is ever shown whole.
 */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (id == null) return null;
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}
