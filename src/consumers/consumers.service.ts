import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SessionsService } from '../sessions/sessions.service';
import type { Actor } from '../common/auth/actor';
import { assertReach, ownedScope } from '../common/auth/ownership';
import type { Page } from '../common/pagination/pagination.dto';
import { ConsumersRepository } from './consumers.repository';
import type { ConsumerGroupDto, CreateConsumerGroupDto } from './dto/consumer-group.dto';
import type { CreateMemberDto, MemberDto, UpdateMemberDto } from './dto/member.dto';
import type { ConsumerGroup } from './entities/consumer-group.entity';
import type { Member } from './entities/member.entity';

function toGroupDto(group: ConsumerGroup): ConsumerGroupDto {
  return {
    id: group.id,
    territoryId: group.territoryId,
    name: group.name,
    kind: group.kind,
    dropPoint: {
      name: group.dropPointName,
      address: group.dropPointAddress,
      latitude: group.dropPointLatitude,
      longitude: group.dropPointLongitude,
    },
    contactEmail: group.contactEmail,
  };
}

function toMemberDto({ id, consumerGroupId, name, email, active }: Member): MemberDto {
  return { id, consumerGroupId, name, email, active };
}

@Injectable()
export class ConsumersService {
  constructor(
    private readonly consumers: ConsumersRepository,
    private readonly sessions: SessionsService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * A member who leaves (active: false): in one transaction its pledges of months still open
   * are removed (the live commitments with them), its user logins are switched off and their
   * sessions end. Its past months stay as they were. active: true lets it back in.
   */
  async updateMember(
    groupId: string,
    memberId: string,
    dto: UpdateMemberDto,
    actor: Actor,
  ): Promise<MemberDto> {
    await this.reachableGroup(groupId, actor);
    const member = await this.dataSource.transaction(async (m) => {
      const updated = await this.consumers.setMemberActive(m, groupId, memberId, dto.active);
      if (!updated) throw new NotFoundException('member not found');
      if (!dto.active) {
        await this.consumers.removeOpenPledges(m, memberId);
      }
      const userIds = await this.consumers.setMemberUsersActive(m, memberId, dto.active);
      if (!dto.active) await this.sessions.endAllOf(userIds, m);
      return updated;
    });
    return toMemberDto(member);
  }

  async createGroup(dto: CreateConsumerGroupDto): Promise<ConsumerGroupDto> {
    if (!(await this.consumers.territoryExists(dto.territoryId))) {
      throw new BadRequestException('territoryId: no such territory');
    }
    return toGroupDto(await this.consumers.createGroup(dto));
  }

  async getGroup(id: string, actor: Actor): Promise<ConsumerGroupDto> {
    return toGroupDto(await this.reachableGroup(id, actor));
  }

  async listGroups(actor: Actor, limit: number, offset: number): Promise<Page<ConsumerGroupDto>> {
    const page = await this.consumers.pageGroups(ownedScope(actor), limit, offset);
    return { items: page.items.map(toGroupDto), total: page.total };
  }

  async addMember(groupId: string, dto: CreateMemberDto, actor: Actor): Promise<MemberDto> {
    await this.reachableGroup(groupId, actor);
    const member = await this.consumers.insertMember(groupId, dto);
    if (!member) throw new ConflictException(`email: the group already has a member with email ${dto.email}`);
    return toMemberDto(member);
  }

  async listMembers(groupId: string, actor: Actor, limit: number, offset: number): Promise<Page<MemberDto>> {
    await this.reachableGroup(groupId, actor);
    const page = await this.consumers.pageMembers(groupId, limit, offset);
    return { items: page.items.map(toMemberDto), total: page.total };
  }

  /** The group, or 404 when it does not exist or belongs to another organisation. */
  private async reachableGroup(id: string, actor: Actor): Promise<ConsumerGroup> {
    const group = await this.consumers.findGroup(id);
    assertReach(actor, group && { consumerGroupId: group.id }, 'consumer group');
    return group!;
  }
}
