import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { dummyHash, passwordMatches } from '../users/password';
import { UsersRepository } from '../users/users.repository';
import { toUserDto } from '../users/users.service';
import type { LoginDto, LoginResponseDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';
import { claimsOf } from './token-claims';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(dto: LoginDto, ip: string): Promise<LoginResponseDto> {
    await this.throttle.hit(ip, dto.email);
    const user = await this.users.findByEmailWithHash(dto.email);
    const valid = await passwordMatches(user?.passwordHash ?? (await dummyHash()), dto.password);
    if (!user || !valid) throw new UnauthorizedException('Wrong email or password');
    return { accessToken: await this.jwt.signAsync({ ...claimsOf(user) }), user: toUserDto(user) };
  }
}
