import type { TokenClaims } from './token-claims';

/** How many verified tokens are remembered; the oldest is forgotten first. */
export const VERIFIED_TOKENS_MAX = 10_000;

interface Entry {
  claims: TokenClaims;
  /** ms since the epoch; the token's own `exp` */
  expiresAt: number;
}

/**
 * Tokens whose signature has been checked, remembered until they expire. A client sends the
 * same token on every request, and checking its HMAC and parsing it again cost the API about
 * 7 % of a pledge PUT's CPU (docs/PERFORMANCE.md). A token is its bytes: the same string
 * verifies the same way until its `exp`, so the cache changes no answer. Only the signature
 * is remembered: whether the token's session is still live is LiveSessions' part, kept true by
 * the notices of every change. A token without `exp` is not remembered. Bounded: beyond VERIFIED_TOKENS_MAX the oldest entry goes.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly max = VERIFIED_TOKENS_MAX,
    private readonly now: () => number = Date.now,
  ) {}

  /** The claims of a token verified before and not yet expired, else undefined. */
  get(token: string): TokenClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  /** Remembers a token that has just been verified. */
  remember(token: string, claims: TokenClaims): void {
    if (typeof claims.exp !== 'number') return;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { claims, expiresAt: claims.exp * 1000 });
  }

  get size(): number {
    return this.entries.size;
  }
}
