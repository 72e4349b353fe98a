import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SessionChangesListener } from './session-changes.listener';
import { SessionsRepository } from './sessions.repository';
import { tokenClaims, type TokenClaims } from './domain/token-claims';
import { VerifiedTokens } from './domain/verified-tokens';

export interface IssuedSession {
  accessToken: string;
  sessionId: string;
  expiresAt: Date;
}

const INVALID = 'The token is invalid or has expired';
const ENDED = 'This session has ended; sign in again';
const USER_AGENT_MAX = 300;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Server-side sessions. A token is a signed `{sub, sid, exp}`: the signature proves it was
 * issued here, the session row says whether it still counts, and the user row says what it
 * may do. Ending a session (logout, password change, deactivation, a new role) is one UPDATE
 * that every API replica sees on its next request: each holds the sessions it has looked up
 * in memory only while it hears every change to them as it commits (SessionChangesListener),
 * and asks the database whenever it does not.
 */
@Injectable()
export class SessionsService {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly changes: SessionChangesListener,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(
    userId: string,
    userAgent: string | undefined,
    manager?: EntityManager,
  ): Promise<IssuedSession> {
    const ttl = this.config.jwtTtlSeconds;
    const session = await this.sessions.open(
      userId,
      ttl,
      userAgent?.slice(0, USER_AGENT_MAX) ?? null,
      manager,
    );
    const accessToken = await this.jwt.signAsync({ sub: userId, sid: session.id }, { expiresIn: ttl });
    return { accessToken, sessionId: session.id, expiresAt: session.expiresAt };
  }

  /** The actor a token acts as; 401 when the token is forged, expired, lacks `exp`, or its session ended. */
  async authenticate(token: string): Promise<Actor> {
    const claims = this.verified.get(token) ?? (await this.verify(token));
    const { cache } = this.changes;
    const listening = this.changes.listening;
    const remembered = listening ? cache.get(claims.sid, claims.sub) : undefined;
    if (remembered) return remembered;
    this.changes.start();
    const since = cache.generation;
    const live = await this.sessions.liveSession(claims.sid, claims.sub);
    if (!live) throw new UnauthorizedException(ENDED);
    // Stored only if notices were heard all along the lookup (else `since` is stale too).
    if (listening && this.changes.listening) cache.remember(live.actor, live.expiresAt, since);
    return { ...live.actor };
  }

  /**
   * Ends a session. Held out of this process's memory at once (its own next request must not
   * be answered from memory before the notice comes back); other processes hear the notice.
   */
  end(sessionId: string): Promise<boolean> {
    this.changes.cache.hold([sessionId]);
    return this.sessions.end(sessionId);
  }

  /** Ends the users' sessions (in `manager`'s transaction, if given); see `end`. */
  endAllOf(userIds: string[], manager?: EntityManager, except?: string): Promise<number> {
    this.changes.cache.hold(userIds);
    return this.sessions.endAllOf(userIds, manager, except ?? null);
  }

  private async verify(token: string): Promise<TokenClaims> {
    let payload: Record<string, unknown>;
    try {
      payload = await this.jwt.verifyAsync<Record<string, unknown>>(token);
    } catch {
      throw new UnauthorizedException(INVALID);
    }
    // jsonwebtoken accepts a token without `exp` (it would never expire) or without a session.
    const claims = tokenClaims(payload);
    if (!claims || !UUID.test(claims.sid) || !UUID.test(claims.sub)) {
      throw new UnauthorizedException(INVALID);
    }
    this.verified.remember(token, claims);
    return claims;
  }
}
