import { SetMetadata } from '@nestjs/common';
import type { Role } from './actor';

export const ROLES_KEY = 'proxima:roles';
export const PUBLIC_KEY = 'proxima:public';

/** The roles allowed on a route; ownership is then checked by the service (see ownership.ts). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route that needs no token (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
