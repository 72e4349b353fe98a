import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { kindsSentTo, receivedKinds } from '../notifications/domain/person-notification-kinds';
import type { User } from '../users/entities/user.entity';
import { UsersRepository } from '../users/users.repository';
import type { MeSettingsDto, UpdateMeDto } from './dto/me-settings.dto';

/** The settings as `GET /me` shows them: of the notifications, the kinds the user's role is sent. */
function toDto(user: User): MeSettingsDto {
  const notifications = receivedKinds(kindsSentTo(user.role), user.mutedNotifications);
  return { id: user.id, email: user.email, role: user.role, locale: user.locale, notifications };
}

@Injectable()
export class MeSettingsService {
  constructor(private readonly users: UsersRepository) {}

  /** The user's language and which notification kinds it receives (kinds left out keep theirs). */
  async update(dto: UpdateMeDto, actor: Actor): Promise<MeSettingsDto> {
    const entries = Object.entries(dto.notifications ?? {});
    const mute = entries.filter(([, on]) => !on).map(([kind]) => kind);
    const unmute = entries.filter(([, on]) => on).map(([kind]) => kind);
    return toDto((await this.users.updateSettings(actor.userId, dto.locale, mute, unmute))!);
  }
}
