import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { cookieValue, setCookieHeader } from './domain/cookie-header';

/** The browser's session cookie: the same signed token a client would send as a Bearer token. */
export const SESSION_COOKIE = 'proxima_session';

function sessionCookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  // request.protocol reads X-Forwarded-Proto only when TRUST_PROXY is set.
  return setCookieHeader(SESSION_COOKIE, value, { maxAgeSeconds, secure: request.protocol === 'https' });
}

/** The session cookie's value in a request, if it sent one. */
export function sessionCookieOf(request: FastifyRequest): string | undefined {
  return cookieValue(request.headers.cookie, SESSION_COOKIE);
}

/**
 * On a route that signs someone in (`{accessToken, user}`), also sets the session cookie, so
 * that a browser holds the token where scripts cannot read it.
 */
@Injectable()
export class SetsSessionCookie implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: { accessToken?: string }) => {
        if (result?.accessToken) {
          void reply.header(
            'set-cookie',
            sessionCookie(request, result.accessToken, this.config.jwtTtlSeconds),
          );
        }
        return result;
      }),
    );
  }
}

/** On logout: the cookie is cleared (the session itself is ended on the server). */
@Injectable()
export class ClearsSessionCookie implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result) => {
        void reply.header('set-cookie', sessionCookie(request, '', 0));
        return result;
      }),
    );
  }
}
