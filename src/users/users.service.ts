import { BadRequestException, ConflictException, Injectable, Logger } from '@nestjs/common';
import type { CreateUserDto, UserDto } from './dto/create-user.dto';
import type { User } from './entities/user.entity';
import { hashPassword } from './password';
import { linkProblem } from './domain/user-links';
import { UsersRepository } from './users.repository';

export function toUserDto(user: User): UserDto {
  const { id, email, role, consumerGroupId, memberId, cooperativeId, transportOrganiserId } = user;
  return { id, email, role, consumerGroupId, memberId, cooperativeId, transportOrganiserId };
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(private readonly users: UsersRepository) {}

  async create(dto: CreateUserDto): Promise<UserDto> {
    const problem = linkProblem(dto.role, dto);
    if (problem) throw new BadRequestException(problem);
    const consumerGroupId = await this.resolveGroup(dto);
    if (dto.cooperativeId && !(await this.users.organisationExists('cooperatives', dto.cooperativeId))) {
      throw new BadRequestException('cooperativeId: no such cooperative');
    }
    if (
      dto.transportOrganiserId &&
      !(await this.users.organisationExists('transport_organisers', dto.transportOrganiserId))
    ) {
      throw new BadRequestException('transportOrganiserId: no such transport organiser');
    }
    const user = await this.users.insert({
      email: dto.email,
      passwordHash: await hashPassword(dto.password),
      role: dto.role,
      consumerGroupId,
      memberId: dto.memberId ?? null,
      cooperativeId: dto.cooperativeId ?? null,
      transportOrganiserId: dto.transportOrganiserId ?? null,
    });
    if (!user) throw new ConflictException(`email: a user with email ${dto.email} already exists`);
    return toUserDto(user);
  }

  /** Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD unless an admin exists. */
  async ensureFirstAdmin(email: string, password: string): Promise<void> {
    if (await this.users.adminExists()) return;
    const created = await this.users.insert({
      email,
      passwordHash: await hashPassword(password),
      role: 'admin',
      consumerGroupId: null,
      memberId: null,
      cooperativeId: null,
      transportOrganiserId: null,
    });
    if (created) this.logger.log(`first admin created: ${email}`);
    else this.logger.warn(`no admin created: ${email} already belongs to a user who is not an admin`);
  }

  private async resolveGroup(dto: CreateUserDto): Promise<string | null> {
    if (dto.memberId) {
      const group = await this.users.memberGroup(dto.memberId);
      if (!group) throw new BadRequestException('memberId: no such member');
      return group;
    }
    if (
      dto.consumerGroupId &&
      !(await this.users.organisationExists('consumer_groups', dto.consumerGroupId))
    ) {
      throw new BadRequestException('consumerGroupId: no such consumer group');
    }
    return dto.consumerGroupId ?? null;
  }
}
