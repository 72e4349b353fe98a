import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/roles.decorator';
import { REDIS } from '../redis/redis.module';

type Probe = 'up' | 'down';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'unhealthy'] }) status!: 'ok' | 'unhealthy';
  @ApiProperty({ enum: ['up', 'down'] }) database!: Probe;
  @ApiProperty({ enum: ['up', 'down'] }) redis!: Probe;
}

async function probe(check: () => Promise<unknown>): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, fail) => (timer = setTimeout(() => fail(new Error('timeout')), 2000))),
    ]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    // A timer left running would keep a closing process (or a test run) alive for 2 s.
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const [database, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.redis.ping()),
    ]);
    const healthy = database === 'up' && redis === 'up';
    reply.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: healthy ? 'ok' : 'unhealthy', database, redis };
  }
}
