import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
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

  /** Sets whether the group's member is active (locking it against a concurrent pledge PUT); null if no such member. */
  async setMemberActive(
    m: EntityManager,
    groupId: string,
    memberId: string,
    active: boolean,
  ): Promise<Member | null> {
    const [rows] = await m.query(
      `UPDATE members SET active = $3, left_at = CASE WHEN $3 THEN NULL ELSE coalesce(left_at, now()) END
        WHERE id = $1 AND consumer_group_id = $2 RETURNING id`,
      [memberId, groupId, active],
    );
    return rows.length > 0 ? m.findOneBy(Member, { id: memberId }) : null;
  }

  /**
   * Removes the member's pledges of every month still open, and takes them off the live
   * commitments, in one statement; months locked or later keep theirs (history).
   */
  async removeOpenPledges(m: EntityManager, memberId: string): Promise<void> {
    await m.query(
      `WITH open_cycles AS (
         SELECT c.id FROM cycles c
          WHERE c.status = 'open'
            AND EXISTS (SELECT 1 FROM member_pledges p WHERE p.cycle_id = c.id AND p.member_id = $1)
            FOR SHARE
       ), removed AS (
         DELETE FROM member_pledges mp USING open_cycles oc
          WHERE mp.member_id = $1 AND mp.cycle_id = oc.id
         RETURNING mp.cycle_id, mp.consumer_group_id, mp.offer_id, mp.quantity
       )
       INSERT INTO live_commitments AS lc (cycle_id, consumer_group_id, offer_id, quantity)
       SELECT cycle_id, consumer_group_id, offer_id, -sum(quantity) FROM removed
        GROUP BY cycle_id, consumer_group_id, offer_id
        ORDER BY cycle_id, offer_id
       ON CONFLICT (cycle_id, consumer_group_id, offer_id)
       DO UPDATE SET quantity = lc.quantity + EXCLUDED.quantity`,
      [memberId],
    );
  }

  /** Switches the member's user logins on or off; answers their ids. */
  async setMemberUsersActive(m: EntityManager, memberId: string, active: boolean): Promise<string[]> {
    const [rows] = await m.query(`UPDATE users SET active = $2 WHERE member_id = $1 RETURNING id`, [
      memberId,
      active,
    ]);
    return (rows as { id: string }[]).map((row) => row.id);
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
