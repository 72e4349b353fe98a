import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `x-proxima-signature` header value: `sha256=` and the hex HMAC-SHA256 of the exact
 * bytes of the request body. A receiver computes the same over the raw body it got (before
 * any JSON parsing) and compares with `verifyWebhookSignature`.
 */
export function signWebhookBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Constant-time check of a received signature header against the body. */
export function verifyWebhookSignature(
  secret: string,
  body: string | Buffer,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const received = Buffer.from(header);
  return expected.length === received.length && timingSafeEqual(expected, received);
}
