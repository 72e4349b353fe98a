import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookTarget } from './webhook-target';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookResponse {
  status: number;
  /** The first bytes of the response body, for the attempt's detail. */
  bodyStart: string;
  /** Where a 3xx pointed (not followed). */
  location?: string;
}

/** Connects to the address that was checked, whatever the name resolves to by now (no DNS rebinding). */
function pinnedLookup(target: WebhookTarget): LookupFunction {
  const { address, family } = target.address;
  return (_hostname, options, callback) => {
    if (options.all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/**
 * POSTs the body to the target and resolves with the status, whatever it is. Redirects are
 * not followed (a 3xx is an answer like any other); the whole exchange has 10 seconds.
 */
export function postWebhook(
  target: WebhookTarget,
  body: Buffer,
  headers: Record<string, string>,
): Promise<WebhookResponse> {
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(body.length) },
    lookup: pinnedLookup(target),
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  };
  return new Promise((resolve, reject) => {
    const req = request(target.url, options, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < 512) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          bodyStart: Buffer.concat(chunks).toString('utf8').slice(0, 512),
          location: res.headers.location,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', (error: Error) =>
      reject(
        error.name === 'AbortError' ? new Error(`no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`) : error,
      ),
    );
    req.end(body);
  });
}
