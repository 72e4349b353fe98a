import { Webhook } from 'standardwebhooks';

const PREFIX = 'whsec_';

/**
 * The signing secret in the form Standard Webhooks libraries take: `whsec_` and the base64 of
 * its bytes. WEBHOOK_SIGNING_SECRET may be given in that form already, or as plain text (at
 * least 32 characters), which this turns into it. This is what an organiser is given to verify
 * deliveries (docs/NOTIFICATIONS.md).
 */
export function standardWebhookSecret(secret: string): string {
  return secret.startsWith(PREFIX) ? secret : PREFIX + Buffer.from(secret, 'utf8').toString('base64');
}

/**
 * The headers of the Standard Webhooks specification (docs/SECURITY.md, F4): `webhook-id`, the
 * delivery's id (the same on every retry, so a receiver can drop one it has seen);
 * `webhook-timestamp`, the attempt's time in Unix seconds (a receiver refuses one more than five
 * minutes off its clock); `webhook-signature`, `v1,` and the base64 HMAC-SHA256 of
 * `id.timestamp.body` — signed by the `standardwebhooks` package, whose `verify` checks both.
 */
export function webhookHeaders(
  secret: string,
  id: string,
  body: Buffer,
  now: Date = new Date(),
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(standardWebhookSecret(secret)).sign(id, now, body),
  };
}
