import { Body, Controller, Headers, HttpCode, Ip, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Public } from '../common/auth/roles.decorator';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { ClearsSessionCookie, SESSION_COOKIE, SetsSessionCookie } from './session-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseInterceptors(SetsSessionCookie)
  @ApiOkResponse({
    type: LoginResponseDto,
    description: `also sets the httpOnly session cookie ${SESSION_COOKIE} (SameSite=Strict)`,
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many wrong passwords for this account from this address, or from this address today',
  })
  login(
    @Body() dto: LoginDto,
    @Ip() ip: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<LoginResponseDto> {
    return this.auth.login(dto, ip, userAgent);
  }

  @Post('logout')
  @HttpCode(204)
  @UseInterceptors(ClearsSessionCookie)
  @ApiBearerAuth()
  @ApiCookieAuth()
  @ApiNoContentResponse({ description: 'this session has ended, on every replica; the cookie is cleared' })
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }
}
