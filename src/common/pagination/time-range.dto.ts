import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, registerDecorator, type ValidationArguments } from 'class-validator';
import { PaginationQuery } from './pagination.dto';

/** `to` must come after `from` when both are given; a malformed one is left to its own rule. */
function AfterFrom(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'afterFrom',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be after from' },
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const from = (args.object as { from?: unknown }).from;
          if (typeof value !== 'string' || typeof from !== 'string') return true;
          const [start, end] = [Date.parse(from), Date.parse(value)];
          return Number.isNaN(start) || Number.isNaN(end) || end > start;
        },
      },
    });
}

/** A page of a log, narrowed to the entries written in [from, to). */
export class TimeRangeQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'entries written at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'entries written before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @AfterFrom()
  to?: string;
}
