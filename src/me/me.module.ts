import { Module } from '@nestjs/common';
import { CalendarFeedModule } from '../calendar-feed/calendar-feed.module';
import { MeController } from './me.controller';
import { MeRepository } from './me.repository';
import { MeService } from './me.service';

/** GET /me: who the user is, its seasons, and what it must do next in each. */
@Module({
  imports: [CalendarFeedModule],
  controllers: [MeController],
  providers: [MeRepository, MeService],
})
export class MeModule {}
