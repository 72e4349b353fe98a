import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import type { User } from '../users/entities/user.entity';
import { dummyHash, passwordMatches } from '../users/password';
import { UsersRepository } from '../users/users.repository';
import { toUserDto } from '../users/users.service';
import type { LoginDto, LoginResponseDto } from './dto/login.dto';
import { LoginLimits } from './login-limits';
import { SessionsService } from '../sessions/sessions.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly limits: LoginLimits,
  ) {}

  async login(dto: LoginDto, ip: string, userAgent?: string): Promise<LoginResponseDto> {
    await this.limits.check(dto.email, ip);
    const user = await this.users.findByEmailWithHash(dto.email);
    const valid = await passwordMatches(user?.passwordHash ?? (await dummyHash()), dto.password);
    if (!user || !valid) {
      await this.limits.failed(dto.email, ip);
      throw new UnauthorizedException('Wrong email or password');
    }
    await this.limits.succeeded(dto.email, ip);
    if (!user.active) throw new UnauthorizedException('This account has been deactivated');
    return this.signIn(user, userAgent);
  }

  /** Opens a session for a user who has just proved who it is (password, invitation, reset). */
  async signIn(user: User, userAgent?: string): Promise<LoginResponseDto> {
    const { accessToken } = await this.sessions.issue(user.id, userAgent);
    return { accessToken, user: toUserDto(user) };
  }

  async logout(actor: Actor): Promise<void> {
    if (actor.sessionId) await this.sessions.end(actor.sessionId);
  }
}
