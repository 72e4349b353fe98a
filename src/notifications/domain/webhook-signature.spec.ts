import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

const secret = 'a-signing-secret-of-at-least-32-characters';

describe('signWebhookBody', () => {
  it('is sha256= and the hex HMAC-SHA256 of the body bytes', () => {
    const body = '{"event":"manifest.issued","n":1}';
    const expected = createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex');
    expect(signWebhookBody(secret, body)).toBe(`sha256=${expected}`);
    expect(signWebhookBody(secret, Buffer.from(body))).toBe(`sha256=${expected}`);
    expect(signWebhookBody(secret, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('verifies its own signature and nothing else', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (body, extra) => {
        const signature = signWebhookBody(secret, body);
        return (
          verifyWebhookSignature(secret, body, signature) &&
          !verifyWebhookSignature(secret, body + extra, signature) &&
          !verifyWebhookSignature(`${secret}x`, body, signature)
        );
      }),
      fcParameters(),
    );
    expect(verifyWebhookSignature(secret, 'x', undefined)).toBe(false);
    expect(verifyWebhookSignature(secret, 'x', 'sha256=00')).toBe(false);
  });
});
