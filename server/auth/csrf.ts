/**
 * CSRF protection for state-changing requests (POST, PUT, PATCH, DELETE), two independent checks:
 * 1. the body must be JSON or multipart (a cross-site HTML form can send urlencoded, multipart or
 *    text/plain; fetch without CORS only the "simple" types) → 415 otherwise; a request without a
 *    body passes this check;
 * 2. a browser's request must come from this origin: Sec-Fetch-Site `same-origin` (or `none`, typed
 *    by the user), and Origin, when sent, naming this host → 403 otherwise. Requests without either
 *    header come from non-browser clients, which carry no ambient cookies of a victim.
 * Together with SameSite=Lax session cookies this blocks cross-site form posts and fetches.
 */

export interface CsrfRequest {
  method: string;
  contentType: string | undefined;
  /** Whether the request has a body (Content-Length > 0 or chunked). */
  hasBody: boolean;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** host[:port] the request was addressed to (Host, or X-Forwarded-Host behind a trusted proxy). */
  host: string;
}

export type CsrfVerdict = { ok: true } | { ok: false; status: 403 | 415; reason: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Media types a mutation may carry. */
export function isAcceptedBodyType(contentType: string): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type) || type === 'multipart/form-data';
}

export function csrfVerdict(req: CsrfRequest): CsrfVerdict {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return { ok: true };
  if (req.contentType ? !isAcceptedBodyType(req.contentType) : req.hasBody) {
    return { ok: false, status: 415, reason: `content type ${req.contentType?.split(';')[0] ?? '(none)'} not accepted` };
  }
  const site = req.secFetchSite?.toLowerCase();
  if (site && site !== 'same-origin' && site !== 'none') return { ok: false, status: 403, reason: `Sec-Fetch-Site: ${site}` };
  if (req.origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(req.origin).host;
    } catch {
      host = undefined;
    }
    if (!host || host.toLowerCase() !== req.host.toLowerCase())
      return { ok: false, status: 403, reason: `Origin ${req.origin.slice(0, 100)} is not this site` };
  }
  return { ok: true };
}
