import type { TokenClaims } from './token-claims';
import { VerifiedTokens } from './verified-tokens';

const claims = (sub: string, exp?: number): TokenClaims => ({
  sub,
  sid: `session-${sub}`,
  ...(exp === undefined ? {} : { exp }),
});

describe('VerifiedTokens', () => {
  let now = 1_000_000;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('answers a remembered token until the instant its exp is reached, then forgets it', () => {
    const tokens = new VerifiedTokens(10, clock);
    tokens.remember('t1', claims('a', 1_060)); // exp 1,060 s = 1,060,000 ms
    expect(tokens.get('t1')?.sub).toBe('a');
    now = 1_059_999;
    expect(tokens.get('t1')?.sub).toBe('a');
    now = 1_060_000;
    expect(tokens.get('t1')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('knows only the exact token string it was given', () => {
    const tokens = new VerifiedTokens(10, clock);
    tokens.remember('header.payload.signature', claims('a', 2_000));
    expect(tokens.get('header.payload.signaturf')).toBeUndefined();
    expect(tokens.get('header.payload.signature ')).toBeUndefined();
  });

  it('does not remember a token without exp', () => {
    const tokens = new VerifiedTokens(10, clock);
    tokens.remember('forever', claims('a'));
    expect(tokens.get('forever')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps at most its bound, forgetting the oldest first', () => {
    const tokens = new VerifiedTokens(3, clock);
    for (const t of ['t1', 't2', 't3', 't4']) tokens.remember(t, claims(t, 2_000));
    expect(tokens.size).toBe(3);
    expect(tokens.get('t1')).toBeUndefined();
    expect(['t2', 't3', 't4'].map((t) => tokens.get(t)?.sub)).toEqual(['t2', 't3', 't4']);
  });
});
