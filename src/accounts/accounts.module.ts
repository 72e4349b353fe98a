import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AccountAuthController } from './account-auth.controller';
import { AccountMailer } from './account-mailer';
import { InvitationsController } from './invitations.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { MeSettingsController } from './me-settings.controller';
import { MeSettingsService } from './me-settings.service';
import { PasswordResetLimits } from './password-reset-limits';
import { PasswordResetsRepository } from './password-resets.repository';
import { PasswordsService } from './passwords.service';

/** Accounts: invitations, passwords (reset and change) and a user's own settings. */
@Module({
  imports: [AuthModule, SessionsModule, UsersModule],
  controllers: [AccountAuthController, InvitationsController, MeSettingsController],
  providers: [
    AccountMailer,
    InvitationsRepository,
    InvitationsService,
    MeSettingsService,
    PasswordResetLimits,
    PasswordResetsRepository,
    PasswordsService,
  ],
})
export class AccountsModule {}
