import { describe, expect, it } from 'vitest';
import { ExtraReadyFilter } from '../../../server/db/wire-filter.ts';

/** A backend or frontend message: type byte, Int32 length (itself included), body. */
const msg = (type: string, body = '') => {
  const b = Buffer.alloc(5 + Buffer.byteLength(body));
  b.write(type, 0);
  b.writeInt32BE(4 + Buffer.byteLength(body), 1);
  b.write(body, 5);
  return b;
};
const types = (bytes: Uint8Array) => {
  const b = Buffer.from(bytes);
  const t: string[] = [];
  for (let i = 0; i < b.length; i += 1 + b.readInt32BE(i + 1)) t.push(String.fromCharCode(b[i]));
  return t.join('');
};
const startup = Buffer.from([0, 0, 0, 8, 0, 3, 0, 0]);

/** Feed `response` to a filter for `request` in chunks of `size` bytes and join what it lets through. */
function run(request: Uint8Array, response: Buffer, size: number) {
  const filter = new ExtraReadyFilter(request);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < response.length; i += size) parts.push(filter.push(response.subarray(i, i + size)));
  return Buffer.concat(parts);
}

const error = msg('E', 'SERROR\0Cinvalid\0Mbad\0\0');
const ready = msg('Z', 'I');
const rows = Buffer.concat([msg('T', 'x'.repeat(30)), msg('D', 'y'.repeat(300)), msg('D', 'z'.repeat(70_000)), msg('C', 'SELECT 2\0')]);

describe('ExtraReadyFilter', () => {
  it.each([
    { case: 'Bind fails: the ReadyForQuery after the error goes', request: msg('B'), response: [msg('1'), error, ready], want: '1E' },
    { case: 'Parse fails', request: msg('P'), response: [error, ready], want: 'E' },
    { case: 'Execute fails after rows', request: msg('E'), response: [rows, error, ready], want: 'TDDCE' },
    { case: 'Execute succeeds: nothing dropped', request: msg('E'), response: [rows], want: 'TDDC' },
    { case: 'Describe without error', request: msg('D'), response: [msg('t', 'ab'), msg('T', 'c')], want: 'tT' },
    { case: 'Sync keeps its ReadyForQuery (the one the driver waits for)', request: msg('S'), response: [ready], want: 'Z' },
    {
      case: 'a simple Query keeps the ReadyForQuery after its error',
      request: msg('Q', 'select x\0'),
      response: [error, ready],
      want: 'EZ',
    },
    {
      case: 'the startup message is not filtered',
      request: startup,
      response: [msg('R', '\0\0\0\0'), msg('S', 'a\0b\0'), ready],
      want: 'RSZ',
    },
  ])('$case', ({ request, response, want }) => {
    const whole = Buffer.concat(response);
    // The same outcome whatever the chunk boundaries: whole, 1 byte, 3 bytes (headers split), 4 KB.
    for (const size of [whole.length, 1, 3, 4096]) {
      const out = run(request, whole, size);
      expect(types(out), `chunks of ${size}`).toBe(want);
      // What passes is passed byte for byte.
      if (want.length === response.length) expect(out.equals(whole)).toBe(true);
    }
  });
});
