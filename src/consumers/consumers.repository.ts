import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Owners } from '../common/auth/ownership';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreateConsumerGroupDto } from './dto/consumer-group.dto';
import type { CreateMemberDto } from './dto/member.dto';
import { ConsumerGroup } from './entities/consumer-group.entity';
import { Member } from './entities/member.entity';

@Injectable()
export class ConsumersRepository {
  constructor(
    @InjectRepository(ConsumerGroup) private readonly groups: Repository<ConsumerGroup>,
    @InjectRepository(Member) private readonly members: Repository<Member>,
  ) {}

  async territoryExists(id: string): Promise<boolean> {
    return (await this.groups.query('SELECT 1 FROM territories WHERE id = $1', [id])).length > 0;
  }

  createGroup(dto: CreateConsumerGroupDto): Promise<ConsumerGroup> {
    const { dropPoint, ...rest } = dto;
    return this.groups.save(
      this.groups.create({
        ...rest,
        dropPointName: dropPoint.name,
        dropPointAddress: dropPoint.address,
        dropPointLatitude: dropPoint.latitude,
        dropPointLongitude: dropPoint.longitude,
      }),
    );
  }

  findGroup(id: string): Promise<ConsumerGroup | null> {
    return this.groups.findOneBy({ id });
  }

  /** Groups in reach: all of them without a scope, the scope's one group otherwise. */
  async pageGroups(scope: Owners | undefined, limit: number, offset: number): Promise<Page<ConsumerGroup>> {
    const groupId = scope?.consumerGroupId;
    // a scope without a group reaches no group (never "no filter")
    if (scope && !groupId) return { items: [], total: 0 };
    const [items, total] = await this.groups.findAndCount({
      where: groupId ? { id: groupId } : {},
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }

  /** Inserts the member; null when the group already has a member with that email (any case). */
  async insertMember(consumerGroupId: string, dto: CreateMemberDto): Promise<Member | null> {
    const [row] = await this.members.query(
      `INSERT INTO members (consumer_group_id, name, email) VALUES ($1, $2, $3)
       ON CONFLICT (consumer_group_id, lower(email)) DO NOTHING
       RETURNING id`,
      [consumerGroupId, dto.name, dto.email],
    );
    return row ? this.members.findOneBy({ id: row.id }) : null;
  }

  async pageMembers(consumerGroupId: string, limit: number, offset: number): Promise<Page<Member>> {
    const [items, total] = await this.members.findAndCount({
      where: { consumerGroupId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }
}
