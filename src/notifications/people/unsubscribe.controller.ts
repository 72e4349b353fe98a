import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/roles.decorator';
import { PERSON_NOTIFICATION_KINDS } from '../domain/person-notification-kinds';
import { PeopleNotificationsService } from './people-notifications.service';

export class UnsubscribedDto {
  @ApiProperty({ enum: PERSON_NOTIFICATION_KINDS }) kind!: string;
  @ApiProperty({ example: true }) unsubscribed!: boolean;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One-click unsubscribe (RFC 8058) from the e-mails' List-Unsubscribe link: a mail client POSTs
 * `List-Unsubscribe=One-Click` to it; a person who opens the link gets a page with one button
 * that POSTs the same. The signed token is the whole authority; it mutes one kind.
 */
@ApiTags('notifications')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly people: PeopleNotificationsService) {}

  @Get(':token')
  @Public()
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'a page with one button that unsubscribes', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'not a link we sent' })
  page(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const { kind } = this.people.describe(token);
    reply.header('content-type', 'text/html; charset=utf-8');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Unsubscribe</title></head><body>
<form method="post"><p>Stop receiving “${escapeHtml(kind)}” e-mails from Proxima?</p>
<input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>
</body></html>`;
  }

  @Post(':token')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: UnsubscribedDto, description: 'the kind is muted (again: nothing changes)' })
  @ApiNotFoundResponse({ description: 'not a link we sent' })
  unsubscribe(@Param('token') token: string): Promise<UnsubscribedDto> {
    return this.people.unsubscribe(token);
  }
}
