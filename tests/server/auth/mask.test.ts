import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from '../../../server/auth/mask.ts';

describe('masking', () => {
  it.each([
    { input: '张三明', expected: '张*明' },
    { input: '张三', expected: '张*' },
    { input: '张', expected: '*' },
    { input: '欧阳小明', expected: '欧**明' },
    { input: '阿卜杜热合曼', expected: '阿****曼' },
    { input: ' 李四 ', expected: '李*' },
    { input: '𠀋三明', expected: '𠀋*明' }, // a character outside the BMP is not split
    { input: '', expected: '' },
    { input: null, expected: null },
  ])('maskName($input) → $expected', ({ input, expected }) => {
    expect(maskName(input)).toBe(expected);
  });

  it.each([
    { input: '411421198001011234', expected: '4114**********1234' },
    { input: '41142119800101123X', expected: '4114**********123X' },
    { input: '411421800101123', expected: '4114*******1123' }, // old 15-digit number
    { input: '12345678', expected: '********' },
    { input: '123', expected: '***' },
    { input: null, expected: null },
  ])('maskIdNumber($input) → $expected', ({ input, expected }) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it('never leaves 18 digits in a row', () => {
    expect(maskIdNumber('411421198001011234')).not.toMatch(/\d{17}[\dX]/);
  });
});
