import { readUnsubscribeToken, unsubscribeKey, unsubscribeToken } from './unsubscribe-token';

describe('unsubscribe tokens', () => {
  const key = unsubscribeKey('a server secret of at least thirty-two characters');
  const who = {
    type: 'member' as const,
    id: '4b0f7c1e-8a53-4c1e-9d1a-0b6a5f3c2d10',
    kind: 'cycle.closing' as const,
  };

  it('reads back what it signed', () => {
    expect(readUnsubscribeToken(key, unsubscribeToken(key, who))).toEqual(who);
  });

  it('refuses a token signed with another key, altered, or malformed', () => {
    const token = unsubscribeToken(key, who);
    expect(
      readUnsubscribeToken(unsubscribeKey('another secret of at least thirty-two chars'), token),
    ).toBeNull();
    const [encoded, signed] = token.split('.');
    const other = Buffer.from(encoded, 'base64url');
    other[0] = 1; // the same id as a user
    expect(readUnsubscribeToken(key, `${other.toString('base64url')}.${signed}`)).toBeNull();
    expect(token.length).toBeLessThan(60);
    expect(readUnsubscribeToken(key, `${encoded}.${signed}.x`)).toBeNull();
    expect(readUnsubscribeToken(key, 'nonsense')).toBeNull();
    expect(readUnsubscribeToken(key, '')).toBeNull();
  });
});
