/**
 * A bounded gate for expensive work: at most `concurrency` tasks run at once, at most `queue` wait;
 * beyond that, or after waiting `maxWaitMs`, the request is refused at once with 503 and
 * `Retry-After` (an `OverloadError`) instead of piling up until clients time out.
 */
export class OverloadError extends Error {
  readonly status = 503;
  constructor(
    message: string,
    /** Seconds the client should wait before retrying. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'OverloadError';
  }
}

export interface GateOptions {
  concurrency: number;
  queue: number;
  /** Longest wait in the queue before giving up with 503. */
  maxWaitMs: number;
  retryAfterSeconds?: number;
  /** Named in the 503 message, e.g. 'database work', 'password checks'. */
  what: string;
}

export class Gate {
  private running = 0;
  private readonly waiting: { start: () => void; fail: (e: Error) => void; timer: NodeJS.Timeout }[] = [];

  constructor(readonly opts: GateOptions) {}

  /** Tasks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private overload(): OverloadError {
    const retry = this.opts.retryAfterSeconds ?? 2;
    return new OverloadError(`The server is busy (${this.opts.what}): try again in ${retry} s (服务器繁忙，请稍后重试).`, retry);
  }

  /** Run `task` when a slot is free; rejects with OverloadError when the queue is full or the wait too long. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.opts.concurrency) {
      if (this.waiting.length >= this.opts.queue) throw this.overload();
      await new Promise<void>((resolve, reject) => {
        const entry = {
          start: () => {
            clearTimeout(entry.timer);
            resolve();
          },
          fail: reject,
          timer: setTimeout(() => {
            const i = this.waiting.indexOf(entry);
            if (i >= 0) this.waiting.splice(i, 1);
            reject(this.overload());
          }, this.opts.maxWaitMs),
        };
        entry.timer.unref?.();
        this.waiting.push(entry);
      });
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      if (next) next.start();
      else this.running--;
    }
  }
}
