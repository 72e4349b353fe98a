import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/roles.decorator';
import { ListNotificationsQuery, NotificationPageDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({
    type: NotificationPageDto,
    description: 'the outbox, newest first, each with its delivery attempts',
  })
  list(@Query() query: ListNotificationsQuery): Promise<NotificationPageDto> {
    return this.notifications.list(query);
  }
}
