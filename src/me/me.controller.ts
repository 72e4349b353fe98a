import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { CalendarTokenDto, MeDto } from './dto/me.dto';
import { MeService } from './me.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiOkResponse({
    type: MeDto,
    description: 'the user, its organisation, its seasons and what it must do next',
  })
  get(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.me.get(actor);
  }

  @Post('calendar-token')
  @HttpCode(200)
  @ApiOkResponse({
    type: CalendarTokenDto,
    description: 'a new calendar feed URL; the old one stops working',
  })
  rotateCalendarToken(@CurrentActor() actor: Actor): Promise<CalendarTokenDto> {
    return this.me.rotateCalendarToken(actor);
  }
}
