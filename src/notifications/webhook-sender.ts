import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookTarget } from './webhook-target';

export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * What is kept of the receiver's answer: its status, nothing of its body or headers (a body
 * shown to admins would let a webhook read whatever answers at its address; F4 in
 * docs/SECURITY.md).
 */
export interface WebhookResponse {
  status: number;
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
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', reject);
      res.resume(); // the body is read to its end and dropped
    });
    req.on('error', (error: Error) =>
      reject(
        error.name === 'AbortError' ? new Error(`no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`) : error,
      ),
    );
    req.end(body);
  });
}
