import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import type { LoginResponseDto } from '../auth/dto/login.dto';
import type { Actor } from '../common/auth/actor';
import type { Page } from '../common/pagination/pagination.dto';
import { APP_CONFIG, publicUrlOf, type AppConfig } from '../config/app-config';
import { hashPassword } from '../users/password';
import { linkProblem } from '../users/domain/user-links';
import { UsersRepository } from '../users/users.repository';
import { AccountMailer } from './account-mailer';
import { invitationMail, localeOr, webLink } from './domain/account-mails';
import { hashToken, newSecretToken } from './domain/secret-token';
import type { CreateInvitationDto, InvitationDto, ListInvitationsQuery } from './dto/invitation.dto';
import type { TokenAndPasswordDto } from './dto/password.dto';
import { InvitationsRepository, type InvitationRow, type NewInvitation } from './invitations.repository';

export const INVITATION_PATH = '/invitations/accept';

function toDto(row: InvitationRow): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    consumerGroupId: row.consumerGroupId,
    memberId: row.memberId,
    cooperativeId: row.cooperativeId,
    transportOrganiserId: row.transportOrganiserId,
    locale: row.locale,
    status: row.status,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
    acceptedAt: row.acceptedAt ? new Date(row.acceptedAt).toISOString() : null,
  };
}

const INVALID_TOKEN = 'token: this invitation link is not valid (already used, replaced or expired)';

@Injectable()
export class InvitationsService {
  constructor(
    private readonly invitations: InvitationsRepository,
    private readonly users: UsersRepository,
    private readonly auth: AuthService,
    private readonly mailer: AccountMailer,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Invites an email: an admin for any role, a coordinator for members of its own group only
   * (another group's member or group answers 404). With `name`, the member is created too.
   * 409 when the email already has a user.
   */
  async invite(dto: CreateInvitationDto, actor: Actor): Promise<InvitationDto> {
    const links = await this.linksOf(dto, actor);
    if (await this.users.emailTaken(dto.email)) {
      throw new ConflictException(`email: a user with email ${dto.email} already exists`);
    }
    const { token, hash } = newSecretToken();
    const locale = dto.locale ?? null;
    const { row, ids } = await this.dataSource.transaction(async (m) => {
      let memberId = links.memberId;
      if (dto.role === 'member' && !memberId) {
        memberId = await this.invitations.insertMember(m, links.consumerGroupId!, dto.name!, dto.email);
        if (!memberId)
          throw new ConflictException(`email: the group already has a member with email ${dto.email}`);
      }
      const invitation: NewInvitation = {
        ...links,
        memberId,
        email: dto.email,
        role: dto.role,
        locale,
        tokenHash: hash,
        invitedBy: actor.userId,
      };
      const row = await this.invitations.insert(m, invitation);
      const link = webLink(publicUrlOf(this.config), INVITATION_PATH, token);
      const ids = await this.mailer.write(m, {
        dedupeKey: `invitation-${row.id}`,
        recipientType: 'invitation',
        recipientId: row.id,
        to: dto.email,
        mail: invitationMail(localeOr(locale), link, dto.role),
      });
      return { row, ids };
    });
    await this.mailer.send(ids);
    return toDto(row);
  }

  async list(query: ListInvitationsQuery, actor: Actor): Promise<Page<InvitationDto>> {
    const groupId = actor.role === 'admin' ? null : actor.consumerGroupId;
    if (actor.role !== 'admin' && !groupId) return { items: [], total: 0 };
    const page = await this.invitations.page(groupId, query.status, query.limit, query.offset);
    return { items: page.items.map(toDto), total: page.total };
  }

  /** The holder of the link chooses its password: the user is created and signed in. */
  async accept(dto: TokenAndPasswordDto, userAgent?: string): Promise<LoginResponseDto> {
    const passwordHash = await hashPassword(dto.password);
    const user = await this.dataSource.transaction(async (m) => {
      const invitation = await this.invitations.lockPending(m, hashToken(dto.token));
      if (!invitation) throw new BadRequestException(INVALID_TOKEN);
      let consumerGroupId = invitation.consumerGroupId;
      if (invitation.role === 'member') {
        const member = await this.invitations.member(invitation.memberId!);
        if (!member?.active)
          throw new BadRequestException('token: the member of this invitation has left its group');
        consumerGroupId = member.consumerGroupId;
      }
      const created = await this.users.insert(
        {
          email: invitation.email,
          passwordHash,
          role: invitation.role,
          consumerGroupId,
          memberId: invitation.memberId,
          cooperativeId: invitation.cooperativeId,
          transportOrganiserId: invitation.transportOrganiserId,
          locale: invitation.locale,
        },
        m,
      );
      if (!created)
        throw new ConflictException(`email: a user with email ${invitation.email} already exists`);
      await this.invitations.markAccepted(m, invitation.id, created.id);
      return created;
    });
    return this.auth.signIn(user, userAgent);
  }

  private async linksOf(dto: CreateInvitationDto, actor: Actor) {
    if (dto.name !== undefined && dto.role !== 'member') {
      throw new BadRequestException('name: only an invitation of a member creates one');
    }
    if (actor.role === 'coordinator') {
      if (dto.role !== 'member')
        throw new ForbiddenException('role: a coordinator may only invite members of its group');
      if (dto.consumerGroupId && dto.consumerGroupId !== actor.consumerGroupId) {
        throw new NotFoundException('consumer group not found');
      }
    }
    const none = { consumerGroupId: null, memberId: null, cooperativeId: null, transportOrganiserId: null };
    if (dto.role === 'member') return { ...none, ...(await this.memberLinks(dto, actor)) };
    const problem = linkProblem(dto.role, dto);
    if (problem) throw new BadRequestException(problem);
    await this.mustExist('consumer_groups', dto.consumerGroupId, 'consumerGroupId: no such consumer group');
    await this.mustExist('cooperatives', dto.cooperativeId, 'cooperativeId: no such cooperative');
    await this.mustExist(
      'transport_organisers',
      dto.transportOrganiserId,
      'transportOrganiserId: no such transport organiser',
    );
    return {
      ...none,
      consumerGroupId: dto.consumerGroupId ?? null,
      cooperativeId: dto.cooperativeId ?? null,
      transportOrganiserId: dto.transportOrganiserId ?? null,
    };
  }

  /** A member's invitation: an existing member (`memberId`), or a new one (`name`) in a group. */
  private async memberLinks(dto: CreateInvitationDto, actor: Actor) {
    for (const key of ['cooperativeId', 'transportOrganiserId'] as const) {
      if (dto[key]) throw new BadRequestException(`${key} must not be set for role member`);
    }
    const ownGroup = actor.role === 'coordinator' ? actor.consumerGroupId : null;
    if (dto.memberId) {
      if (dto.name !== undefined || dto.consumerGroupId) {
        throw new BadRequestException(
          'memberId: give either memberId or name (with consumerGroupId), not both',
        );
      }
      const member = await this.invitations.member(dto.memberId);
      if (!member || (ownGroup && member.consumerGroupId !== ownGroup))
        throw new NotFoundException('member not found');
      if (!member.active) throw new BadRequestException('memberId: this member has left its group');
      return { memberId: dto.memberId, consumerGroupId: member.consumerGroupId };
    }
    if (dto.name === undefined) throw new BadRequestException('memberId or name is required for role member');
    const groupId = dto.consumerGroupId ?? ownGroup;
    if (!groupId) throw new BadRequestException('consumerGroupId is required to create a member');
    if (!(await this.users.organisationExists('consumer_groups', groupId))) {
      throw new BadRequestException('consumerGroupId: no such consumer group');
    }
    return { memberId: null, consumerGroupId: groupId };
  }

  private async mustExist(
    table: 'consumer_groups' | 'cooperatives' | 'transport_organisers',
    id: string | undefined,
    message: string,
  ): Promise<void> {
    if (id && !(await this.users.organisationExists(table, id))) throw new BadRequestException(message);
  }
}
