import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor';

export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor =>
    context.switchToHttp().getRequest<{ actor: Actor }>().actor,
);
