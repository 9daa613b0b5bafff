/** Errors that carry a sentence for a person: start-up problems and rejected requests. */

/** A problem at start-up that the operator can fix; the server prints the message alone and exits. */
export class StartupError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'StartupError';
  }
}

/**
 * A write that lost a race: the data changed since the caller read it (optimistic locking), so
 * nothing was saved. The data layer throws it without knowing HTTP; server/http.ts answers 409.
 */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A request the server refuses, with an HTTP status and a message the user can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
