import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { CsvOptions } from '../csv';

/** The query every CSV download takes (docs/SECURITY.md, F5). */
export class CsvQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'true',
    description:
      'false: no UTF-8 byte-order mark at the start (Excel needs it to read accented names; some tools do not want it)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  bom?: 'true' | 'false';
}

export function csvOptions(query: CsvQuery): CsvOptions {
  return { bom: query.bom !== 'false' };
}
