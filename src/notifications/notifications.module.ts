import { Global, Module } from '@nestjs/common';
import { EmailSender } from './email-sender';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/**
 * The notification outbox. Global so that the cycle stages can write notifications in their
 * transactions; listed in both roles' features, since the API lists the outbox and the
 * worker delivers it.
 */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, EmailSender],
  exports: [NotificationsService],
})
export class NotificationsModule {}
