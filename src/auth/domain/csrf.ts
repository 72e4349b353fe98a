/** The header a browser client sends on every write made with the session cookie. */
export const CSRF_HEADER = 'x-proxima-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CookieRequest {
  method: string;
  /** The Host the request was sent to (host[:port]). */
  host: string;
  origin?: string;
  secFetchSite?: string;
  csrfHeader?: string;
}

/**
 * Why a request authenticated by the session cookie must be refused as a possible cross-site
 * forgery, or null when it may go on. A write needs the custom header (a cross-site page can
 * only send one after a CORS preflight, which this API never grants), and, where the browser
 * says where the request comes from (Origin, Sec-Fetch-Site), it must come from this host or
 * from one of `trustedOrigins` (the web app's public URL). Reads are never refused.
 */
export function csrfProblem(request: CookieRequest, trustedOrigins: readonly string[]): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (request.csrfHeader !== '1') {
    return `a write made with the session cookie needs the header ${CSRF_HEADER}: 1`;
  }
  const site = request.secFetchSite?.toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `a write made with the session cookie must come from the same origin (Sec-Fetch-Site: ${site})`;
  }
  if (request.origin !== undefined && !originAllowed(request.origin, request.host, trustedOrigins)) {
    return `a write made with the session cookie must come from this site, not ${request.origin}`;
  }
  return null;
}

function originAllowed(origin: string, host: string, trustedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed frame, a redirect) and anything unparsable
  }
  if (parsed.host === sameSchemeHost(parsed.protocol, host)) return true;
  return trustedOrigins.some((trusted) => new URL(trusted).origin === parsed.origin);
}

/** The Host header as the origin's scheme would write it (its default port left out). */
function sameSchemeHost(protocol: string, host: string): string | null {
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return null;
  }
}
