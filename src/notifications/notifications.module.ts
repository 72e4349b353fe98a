import { Global, Module } from '@nestjs/common';
import { EmailSender } from './email-sender';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { PeopleNotificationsRepository } from './people/people-notifications.repository';
import { PeopleNotificationsService } from './people/people-notifications.service';
import { PersonMessageRenderer } from './people/person-message-renderer';
import { UnsubscribeController } from './people/unsubscribe.controller';

/**
 * The notification outbox. Global so that the cycle stages can write notifications in their
 * transactions; listed in both roles' features, since the API lists the outbox and the
 * worker delivers it.
 */
@Global()
@Module({
  controllers: [NotificationsController, UnsubscribeController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    EmailSender,
    PersonMessageRenderer,
    PeopleNotificationsRepository,
    PeopleNotificationsService,
  ],
  exports: [NotificationsService, PeopleNotificationsService],
})
export class NotificationsModule {}
