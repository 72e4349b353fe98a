import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/roles.decorator';
import { CalendarFeedsService } from './calendar-feeds.service';

@ApiTags('me')
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Get(':feedToken.ics')
  @Public()
  @ApiParam({ name: 'feedToken', description: 'the secret of the calendarUrl of GET /me' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description:
      'RFC 5545 calendar of the user’s seasons: lock deadlines, confirm-by, loading and delivery days (times in UTC)',
    schema: { type: 'string' },
  })
  @ApiNotFoundResponse({ description: 'no such feed (or it was rotated)' })
  async feed(
    @Param('feedToken') feedToken: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const body = await this.feeds.calendar(feedToken);
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300');
    return body;
  }
}
