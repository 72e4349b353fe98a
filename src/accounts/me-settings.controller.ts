import { Body, Controller, HttpCode, Ip, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { MeSettingsDto, UpdateMeDto } from './dto/me-settings.dto';
import { ChangePasswordDto } from './dto/password.dto';
import { MeSettingsService } from './me-settings.service';
import { PasswordsService } from './passwords.service';

/** The signed-in user's own settings (GET /me, what it must do next, is the people feature's). */
@ApiTags('me')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('me')
export class MeSettingsController {
  constructor(
    private readonly settings: MeSettingsService,
    private readonly passwords: PasswordsService,
  ) {}

  @Patch()
  @ApiOkResponse({ type: MeSettingsDto })
  update(@Body() dto: UpdateMeDto, @CurrentActor() actor: Actor): Promise<MeSettingsDto> {
    return this.settings.update(dto, actor);
  }

  @Put('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'changed; every other session of the user has ended' })
  changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentActor() actor: Actor,
    @Ip() ip: string,
  ): Promise<void> {
    return this.passwords.change(dto, actor, ip);
  }
}
