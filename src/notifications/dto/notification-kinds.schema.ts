import type { ApiPropertyOptions } from '@nestjs/swagger';
import { PERSON_NOTIFICATION_KINDS } from '../domain/person-notification-kinds';

/** OpenAPI's shape of a map from notification kinds to on (true) or off (false). */
export const notificationKindsSchema = {
  type: 'object',
  properties: Object.fromEntries(PERSON_NOTIFICATION_KINDS.map((kind) => [kind, { type: 'boolean' }])),
  additionalProperties: false,
} as unknown as ApiPropertyOptions;
