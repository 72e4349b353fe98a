import type { Actor, Role } from '../common/auth/actor';
import type { User } from '../users/entities/user.entity';

/** What a token carries: the role and the organisation it is tied to. */
export interface TokenClaims {
  sub: string;
  role: Role;
  cg: string | null;
  mb: string | null;
  co: string | null;
  to: string | null;
}

export function claimsOf(user: User): TokenClaims {
  return {
    sub: user.id,
    role: user.role,
    cg: user.consumerGroupId,
    mb: user.memberId,
    co: user.cooperativeId,
    to: user.transportOrganiserId,
  };
}

export function actorOf(claims: TokenClaims): Actor {
  return {
    userId: claims.sub,
    role: claims.role,
    consumerGroupId: claims.cg,
    memberId: claims.mb,
    cooperativeId: claims.co,
    transportOrganiserId: claims.to,
  };
}
