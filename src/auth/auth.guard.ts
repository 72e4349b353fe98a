import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Actor, Role } from '../common/auth/actor';
import { PUBLIC_KEY, ROLES_KEY } from '../common/auth/roles.decorator';
import { APP_CONFIG, publicUrlOf, type AppConfig } from '../config/app-config';
import { CSRF_HEADER, csrfProblem } from './domain/csrf';
import { sessionCookieOf } from './session-cookie';
import { SessionsService } from '../sessions/sessions.service';

type Request = FastifyRequest & { actor?: Actor };

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Global guard: every route needs a live session, by a Bearer token or by the session
 * cookie, unless marked @Public, and a role listed in its @Roles. A write made with the
 * cookie must also pass the CSRF check (domain/csrf.ts); a Bearer token is never sent by a
 * browser on its own, so it needs none. Ownership is the services' part (common/auth/ownership.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly trustedOrigins: string[];

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.trustedOrigins = [publicUrlOf(config)];
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    request.actor = await this.sessions.authenticate(this.credentialOf(request));
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.actor.role)) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private credentialOf(request: Request): string {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(' ');
      if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('A bearer token is required');
      return token;
    }
    const cookie = sessionCookieOf(request);
    if (!cookie) throw new UnauthorizedException('A bearer token or a session cookie is required');
    const problem = csrfProblem(
      {
        method: request.method,
        host: request.host,
        origin: header(request, 'origin'),
        secFetchSite: header(request, 'sec-fetch-site'),
        csrfHeader: header(request, CSRF_HEADER),
      },
      this.trustedOrigins,
    );
    if (problem) throw new ForbiddenException(problem);
    return cookie;
  }
}
