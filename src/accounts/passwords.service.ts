import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import type { LoginResponseDto } from '../auth/dto/login.dto';
import { LoginLimits } from '../auth/login-limits';
import { SessionsService } from '../sessions/sessions.service';
import type { Actor } from '../common/auth/actor';
import { APP_CONFIG, publicUrlOf, type AppConfig } from '../config/app-config';
import { hashPassword, passwordMatches } from '../users/password';
import { UsersRepository } from '../users/users.repository';
import { AccountMailer } from './account-mailer';
import { localeOr, passwordResetMail, webLink } from './domain/account-mails';
import { hashToken, newSecretToken } from './domain/secret-token';
import type { ChangePasswordDto, PasswordResetRequestDto, TokenAndPasswordDto } from './dto/password.dto';
import { PasswordResetLimits } from './password-reset-limits';
import { PasswordResetsRepository } from './password-resets.repository';

export const RESET_PATH = '/password-reset/confirm';

@Injectable()
export class PasswordsService {
  private readonly logger = new Logger(PasswordsService.name);

  constructor(
    private readonly resets: PasswordResetsRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
    private readonly loginLimits: LoginLimits,
    private readonly resetLimits: PasswordResetLimits,
    private readonly mailer: AccountMailer,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Always 202, in the same time whether the email has an account or not: once the request is
   * counted against its limits, the lookup and the mail are done after the answer has gone.
   * (A process that stops in between loses that one request; the person asks again.)
   */
  async requestReset(dto: PasswordResetRequestDto, ip: string): Promise<void> {
    await this.resetLimits.hit(dto.email, ip);
    setImmediate(() => {
      this.sendReset(dto.email).catch((error: Error) =>
        this.logger.warn(`a password-reset mail could not be written: ${error.message}`),
      );
    });
  }

  /** Sets the new password, ends every session of the user, and signs it in anew. */
  async confirmReset(dto: TokenAndPasswordDto, userAgent?: string): Promise<LoginResponseDto> {
    const passwordHash = await hashPassword(dto.password);
    const userId = await this.dataSource.transaction(async (m) => {
      const id = await this.resets.use(m, hashToken(dto.token));
      if (!id) throw new BadRequestException('token: this reset link is not valid (already used or expired)');
      await this.users.setPasswordHash(m, id, passwordHash);
      await this.sessions.endAllOf([id], m);
      return id;
    });
    return this.auth.signIn((await this.users.findById(userId))!, userAgent);
  }

  /** Needs the current password (counted like a login); ends every other session of the user. */
  async change(dto: ChangePasswordDto, actor: Actor, ip: string): Promise<void> {
    const user = (await this.users.findByIdWithHash(actor.userId))!;
    await this.loginLimits.check(user.email, ip);
    if (!(await passwordMatches(user.passwordHash, dto.currentPassword))) {
      await this.loginLimits.failed(user.email, ip);
      throw new BadRequestException('currentPassword: this is not the current password');
    }
    if (dto.newPassword === dto.currentPassword) {
      throw new BadRequestException('newPassword must differ from the current password');
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (m) => {
      await this.users.setPasswordHash(m, user.id, passwordHash);
      await this.sessions.endAllOf([user.id], m, actor.sessionId);
    });
  }

  private async sendReset(email: string): Promise<void> {
    const user = await this.resets.activeUser(email);
    if (!user) return;
    const { token, hash } = newSecretToken();
    const link = webLink(publicUrlOf(this.config), RESET_PATH, token);
    const ids = await this.dataSource.transaction(async (m) => {
      const resetId = await this.resets.insert(m, user.id, hash);
      return this.mailer.write(m, {
        dedupeKey: `password-reset-${resetId}`,
        recipientType: 'user',
        recipientId: user.id,
        to: user.email,
        mail: passwordResetMail(localeOr(user.locale), link),
      });
    });
    await this.mailer.send(ids);
  }
}
