import { Body, Controller, Headers, HttpCode, Ip, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { LoginResponseDto } from '../auth/dto/login.dto';
import { SetsSessionCookie } from '../auth/session-cookie';
import { Public } from '../common/auth/roles.decorator';
import { PasswordResetRequestDto, TokenAndPasswordDto } from './dto/password.dto';
import { InvitationsService } from './invitations.service';
import { PasswordsService } from './passwords.service';

/** What a person does with the link of an e-mail: accept an invitation, reset a password. */
@ApiTags('auth')
@Controller('auth')
export class AccountAuthController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly passwords: PasswordsService,
  ) {}

  @Post('invitations/accept')
  @Public()
  @HttpCode(200)
  @UseInterceptors(SetsSessionCookie)
  @ApiOkResponse({
    type: LoginResponseDto,
    description: 'the user is created and signed in (session cookie set)',
  })
  @ApiBadRequestResponse({
    description: 'the token is not valid (used, replaced or expired), or the password is refused',
  })
  accept(
    @Body() dto: TokenAndPasswordDto,
    @Headers('user-agent') userAgent?: string,
  ): Promise<LoginResponseDto> {
    return this.invitations.accept(dto, userAgent);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'always, whether the email has an account or not; a link is mailed if it has',
  })
  @ApiTooManyRequestsResponse({ description: 'too many requests from this address or for this email' })
  requestReset(@Body() dto: PasswordResetRequestDto, @Ip() ip: string): Promise<void> {
    return this.passwords.requestReset(dto, ip);
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(200)
  @UseInterceptors(SetsSessionCookie)
  @ApiOkResponse({ type: LoginResponseDto, description: 'every earlier session ended; signed in anew' })
  confirmReset(
    @Body() dto: TokenAndPasswordDto,
    @Headers('user-agent') userAgent?: string,
  ): Promise<LoginResponseDto> {
    return this.passwords.confirmReset(dto, userAgent);
  }
}
