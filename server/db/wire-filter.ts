/**
 * PGlite answers the PostgreSQL wire protocol one frontend message at a time (pglite-socket hands it
 * each message separately). When a message of the extended query protocol fails (Parse, Bind,
 * Describe, Execute …), PGlite sends the ErrorResponse followed at once by a ReadyForQuery, and then a
 * second ReadyForQuery when the client's Sync arrives. A PostgreSQL server sends only the one after
 * Sync. A driver that pipelines (postgres.js) takes the extra ReadyForQuery as the end of its NEXT
 * query: from then on every answer on the connection belongs to the query before it.
 *
 * This filter restores the server's behaviour: in the response to an extended-protocol message, a
 * ReadyForQuery that follows an ErrorResponse is dropped; the one the Sync brings stays. It works on
 * the response as it streams, whatever the chunk boundaries.
 */

const code = (c: string) => c.charCodeAt(0);
const ERROR_RESPONSE = code('E');
const READY_FOR_QUERY = code('Z');
/** Frontend messages of the extended query protocol: their errors are reported at the next Sync. */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'F'].map(code));

export class ExtraReadyFilter {
  private readonly active: boolean;
  private sawError = false;
  /** Bytes of the current backend message still to come after its 5-byte header. */
  private remaining = 0;
  private dropping = false;
  private header: number[] = [];

  /** `request`: the frontend message this response answers (its first byte is its type). */
  constructor(request: Uint8Array) {
    this.active = request.length > 0 && EXTENDED.has(request[0]);
  }

  /** The part of `chunk` to send on. */
  push(chunk: Uint8Array): Uint8Array {
    if (!this.active) return chunk;
    const out: Uint8Array[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - i);
        if (!this.dropping) out.push(chunk.subarray(i, i + n));
        i += n;
        this.remaining -= n;
        continue;
      }
      this.header.push(chunk[i++]);
      if (this.header.length < 5) continue;
      const [type, a, b, c, d] = this.header;
      this.header = [];
      this.remaining = (((a << 24) | (b << 16) | (c << 8) | d) >>> 0) - 4;
      if (type === ERROR_RESPONSE) this.sawError = true;
      this.dropping = this.sawError && type === READY_FOR_QUERY;
      if (!this.dropping) out.push(Uint8Array.from([type, a, b, c, d]));
    }
    if (out.length === 1) return out[0];
    const joined = new Uint8Array(out.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of out) {
      joined.set(p, at);
      at += p.length;
    }
    return joined;
  }
}
