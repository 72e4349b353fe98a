import { ApiProperty } from '@nestjs/swagger';
import { TimeRangeQuery } from '../../common/pagination/time-range.dto';
import { TextField, UuidField } from '../../common/validation/validators';

export class AuditLogQuery extends TimeRangeQuery {
  @TextField(40, { optional: true, example: 'partnership' }) subjectType?: string;
  @UuidField({ optional: true }) subjectId?: string;
  @TextField(60, { optional: true, example: 'violation.waived', description: 'the kind of entry' })
  action?: string;
}

export class AuditLogEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the actor's email; null for the system" })
  actorEmail!: string | null;
  @ApiProperty({ example: 'charter.changed' }) action!: string;
  @ApiProperty({ example: 'partnership' }) subjectType!: string;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { version: 2 } }) details!: Record<
    string,
    unknown
  >;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogEntryDto] }) items!: AuditLogEntryDto[];
  @ApiProperty() total!: number;
}
