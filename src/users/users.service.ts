import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SessionsService } from '../sessions/sessions.service';
import type { Page } from '../common/pagination/pagination.dto';
import type {
  CreateUserDto,
  ListUsersQuery,
  UpdateUserDto,
  UserDto,
  UserListItemDto,
} from './dto/create-user.dto';
import type { User } from './entities/user.entity';
import { hashPassword } from './password';
import { linkProblem, type UserLinks } from './domain/user-links';
import { UsersRepository, type UserChanges } from './users.repository';

export function toUserDto(user: User): UserDto {
  const { id, email, role, consumerGroupId, memberId, cooperativeId, transportOrganiserId } = user;
  return { id, email, role, consumerGroupId, memberId, cooperativeId, transportOrganiserId };
}

function toListItem(user: User): UserListItemDto {
  return {
    ...toUserDto(user),
    active: user.active,
    locale: user.locale,
    createdAt: user.createdAt.toISOString(),
  };
}

const LINK_KEYS = ['consumerGroupId', 'memberId', 'cooperativeId', 'transportOrganiserId'] as const;

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly dataSource: DataSource,
  ) {}

  async list(query: ListUsersQuery): Promise<Page<UserListItemDto>> {
    const active = query.active === undefined ? undefined : query.active === 'true';
    const page = await this.users.page({ role: query.role, active }, query.limit, query.offset);
    return { items: page.items.map(toListItem), total: page.total };
  }

  /**
   * An admin's change to a user: deactivation, a new role, new links. Whatever changes, the
   * user's sessions end in the same transaction, so its next request answers 401 everywhere.
   * The last active admin cannot be deactivated or demoted (409).
   */
  async update(id: string, dto: UpdateUserDto): Promise<UserListItemDto> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException('user not found');
    const changes: UserChanges = {};
    if (dto.active !== undefined) changes.active = dto.active;
    if (dto.role !== undefined || LINK_KEYS.some((key) => dto[key] !== undefined)) {
      const role = dto.role ?? user.role;
      const problem = linkProblem(role, dto);
      if (problem) throw new BadRequestException(problem);
      const consumerGroupId = await this.resolveGroup(dto);
      await this.checkOrganisations(dto);
      Object.assign(changes, {
        role,
        consumerGroupId,
        memberId: dto.memberId ?? null,
        cooperativeId: dto.cooperativeId ?? null,
        transportOrganiserId: dto.transportOrganiserId ?? null,
      });
    }
    const updated = await this.dataSource.transaction(async (manager) => {
      const stopsBeingAdmin =
        user.role === 'admin' && (changes.active === false || (changes.role ?? 'admin') !== 'admin');
      if (stopsBeingAdmin && (await this.users.otherActiveAdmins(manager, id)) === 0) {
        throw new ConflictException(
          'active: the last active admin cannot be deactivated or given another role',
        );
      }
      const row = await this.users.update(manager, id, changes);
      if (Object.keys(changes).length > 0) await this.sessions.endAllOf([id], manager);
      return row!;
    });
    return toListItem(updated);
  }

  async create(dto: CreateUserDto): Promise<UserDto> {
    const problem = linkProblem(dto.role, dto);
    if (problem) throw new BadRequestException(problem);
    const consumerGroupId = await this.resolveGroup(dto);
    await this.checkOrganisations(dto);
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

  private async checkOrganisations(dto: UserLinks): Promise<void> {
    if (dto.cooperativeId && !(await this.users.organisationExists('cooperatives', dto.cooperativeId))) {
      throw new BadRequestException('cooperativeId: no such cooperative');
    }
    if (
      dto.transportOrganiserId &&
      !(await this.users.organisationExists('transport_organisers', dto.transportOrganiserId))
    ) {
      throw new BadRequestException('transportOrganiserId: no such transport organiser');
    }
  }

  private async resolveGroup(dto: UserLinks): Promise<string | null> {
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
