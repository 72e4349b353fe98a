import { BadRequestException, ParseUUIDPipe, type ArgumentMetadata } from '@nestjs/common';

/**
 * Nest's UUID check for a path parameter, answering as a body field does — `400` with
 * `seasonId must be a UUID` — so a client knows which part of the address is wrong.
 */
export class UuidParamPipe extends ParseUUIDPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<string> {
    if (typeof value !== 'string' || !this.isUUID(value)) {
      throw new BadRequestException(`${metadata.data ?? 'id'} must be a UUID`);
    }
    return value;
  }
}
