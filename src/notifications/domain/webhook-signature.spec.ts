import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { fcParameters } from '../../../test/support/property';
import { standardWebhookSecret, webhookHeaders } from './webhook-signature';

const secret = 'a-signing-secret-of-at-least-32-characters';

describe('webhookHeaders (Standard Webhooks)', () => {
  it('signs id.timestamp.body with HMAC-SHA256 of the secret, as v1,base64', () => {
    const body = Buffer.from('{"event":"manifest.issued","n":1}');
    const now = new Date('2031-06-01T10:00:00Z');
    const headers = webhookHeaders(secret, 'msg_1', body, now);
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(`msg_1.${now.getTime() / 1000}.${body.toString()}`)
      .digest('base64');
    expect(headers).toEqual({
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(now.getTime() / 1000),
      'webhook-signature': `v1,${expected}`,
    });
  });

  it('is verified by the library with the whsec_ secret, and refused for another body, secret or an old timestamp', () => {
    const receiver = new Webhook(standardWebhookSecret(secret));
    fc.assert(
      fc.property(fc.uuid(), fc.jsonValue(), fc.string({ minLength: 1 }), (id, value, extra) => {
        const body = Buffer.from(JSON.stringify(value) ?? 'null');
        const headers = webhookHeaders(secret, id, body);
        expect(() => receiver.verify(body, headers)).not.toThrow();
        expect(() => receiver.verify(Buffer.concat([body, Buffer.from(extra)]), headers)).toThrow();
        expect(() => new Webhook(standardWebhookSecret(`${secret}x`)).verify(body, headers)).toThrow();
      }),
      fcParameters({ numRuns: 100 }),
    );
    const old = webhookHeaders(secret, 'msg_2', Buffer.from('{}'), new Date(Date.now() - 10 * 60_000));
    expect(() => receiver.verify(Buffer.from('{}'), old)).toThrow(/timestamp/i);
  });

  it('takes a secret already in whsec_ form as it is', () => {
    const standard = standardWebhookSecret(secret);
    expect(standard).toBe(`whsec_${Buffer.from(secret).toString('base64')}`);
    expect(standardWebhookSecret(standard)).toBe(standard);
  });
});
