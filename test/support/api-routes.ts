import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/common/auth/roles.decorator';

export interface RouteRow {
  /** `GET /cycles/{id}/distribution-list`: the OpenAPI path without the /api/v1 prefix. */
  route: string;
  /** `anyone` (@Public), `any user` (signed in, no @Roles), or the roles of its @Roles. */
  who: string;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`.replace(/:(\w+)/g, '{$1}');

/** Every route of the app's controllers with who may call it, read from the decorators. */
export function routeTable(app: INestApplication): RouteRow[] {
  const rows = new Map<string, RouteRow>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat()[0] as string;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name as keyof object] as unknown;
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const paths = [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[];
        const isPublic =
          Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller);
        const roles: string[] | undefined =
          Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller);
        const who = isPublic ? 'anyone' : roles ? roles.join(', ') : 'any user';
        for (const path of paths) {
          const route = `${RequestMethod[method]} ${join(base, path)}`;
          rows.set(route, { route, who });
        }
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.route.localeCompare(b.route));
}
