import { Module } from '@nestjs/common';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { CalendarFeedsService } from './calendar-feeds.service';

/** Each user's secret iCalendar feed of its seasons' deadlines. */
@Module({
  controllers: [CalendarFeedController],
  providers: [CalendarFeedsRepository, CalendarFeedsService],
  exports: [CalendarFeedsService],
})
export class CalendarFeedModule {}
