import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
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
 * that every API replica sees on its next request.
 */
@Injectable()
export class SessionsService {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly sessions: SessionsRepository,
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
    const actor = await this.sessions.actorOf(claims.sid, claims.sub);
    if (!actor) throw new UnauthorizedException(ENDED);
    return actor;
  }

  end(sessionId: string): Promise<boolean> {
    return this.sessions.end(sessionId);
  }

  endAllOf(userIds: string[], manager?: EntityManager, except?: string): Promise<number> {
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
