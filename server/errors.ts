/** Errors that carry a sentence for a person: start-up problems and rejected requests. */

/** A problem at start-up that the operator can fix; the server prints the message alone and exits. */
export class StartupError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'StartupError';
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
