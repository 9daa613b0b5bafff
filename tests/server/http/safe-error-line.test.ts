import { describe, expect, it } from 'vitest';
import { safeErrorLine } from '../../../server/http/edges.ts';

/** An error thrown here, so its stack names this file. */
function thrown(make: () => unknown): unknown {
  try {
    throw make();
  } catch (e) {
    return e;
  }
}

describe('safeErrorLine: what the server log says of an unexpected error', () => {
  it.each([
    { case: 'a TypeError', err: thrown(() => new TypeError('holder 张三, id 411421198001011234')), name: /^TypeError /, frames: true },
    {
      case: 'a database error with a code',
      err: thrown(() => Object.assign(new Error('insert … values (张三)'), { name: 'PostgresError', code: '23505' })),
      name: /^PostgresError \[23505\] /,
      frames: true,
    },
    {
      case: 'a wrapped cause',
      err: thrown(() => new Error('outer', { cause: { name: 'AbortError', code: 'ABORT_ERR' } })),
      name: /^Error \(AbortError\) \[ABORT_ERR\] /,
      frames: true,
    },
    { case: 'a thrown string', err: 'secret 张三', name: /^string$/, frames: false },
  ])('$case: its kind and where, never its message', ({ err, name, frames }) => {
    const line = safeErrorLine(err);
    expect(line).toMatch(name);
    expect(line).not.toMatch(/张三|4114211980|values|outer|secret/);
    if (frames) expect(line).toMatch(/safe-error-line\.test\.ts:\d+:\d+/);
  });
});
