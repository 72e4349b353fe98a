import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../common/auth/actor';
import type { Page } from '../common/pagination/pagination.dto';
import type { InvitationStatus } from './dto/invitation.dto';

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  consumerGroupId: string | null;
  memberId: string | null;
  cooperativeId: string | null;
  transportOrganiserId: string | null;
  locale: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  status: InvitationStatus;
}

export type NewInvitation = Pick<
  InvitationRow,
  'email' | 'role' | 'consumerGroupId' | 'memberId' | 'cooperativeId' | 'transportOrganiserId' | 'locale'
> & { tokenHash: Buffer; invitedBy: string };

const COLUMNS = `id, email, role, consumer_group_id AS "consumerGroupId", member_id AS "memberId",
  cooperative_id AS "cooperativeId", transport_organiser_id AS "transportOrganiserId", locale,
  created_at AS "createdAt", expires_at AS "expiresAt", accepted_at AS "acceptedAt",
  CASE WHEN accepted_at IS NOT NULL THEN 'accepted' WHEN expires_at <= now() OR revoked_at IS NOT NULL
       THEN 'expired' ELSE 'pending' END AS status`;

const STATUS_WHERE: Record<InvitationStatus, string> = {
  accepted: 'accepted_at IS NOT NULL',
  expired: 'accepted_at IS NULL AND (expires_at <= now() OR revoked_at IS NOT NULL)',
  pending: 'accepted_at IS NULL AND expires_at > now() AND revoked_at IS NULL',
};

export const INVITATION_DAYS = 7;

@Injectable()
export class InvitationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The member and its group, or null when there is no such member. */
  async member(memberId: string): Promise<{ consumerGroupId: string; active: boolean } | null> {
    const [row] = await this.dataSource.query(
      `SELECT consumer_group_id AS "consumerGroupId", active FROM members WHERE id = $1`,
      [memberId],
    );
    return row ?? null;
  }

  /** Creates the member of an invitation with `name`; null when the group has one with that email. */
  async insertMember(
    m: EntityManager,
    consumerGroupId: string,
    name: string,
    email: string,
  ): Promise<string | null> {
    const [row] = await m.query(
      `INSERT INTO members (consumer_group_id, name, email) VALUES ($1, $2, $3)
       ON CONFLICT (consumer_group_id, lower(email)) DO NOTHING RETURNING id`,
      [consumerGroupId, name, email],
    );
    return row?.id ?? null;
  }

  /** A new invitation; any earlier pending one for the same email stops working. */
  async insert(m: EntityManager, invitation: NewInvitation): Promise<InvitationRow> {
    await m.query(
      `UPDATE invitations SET revoked_at = now()
        WHERE lower(email) = lower($1) AND accepted_at IS NULL AND revoked_at IS NULL`,
      [invitation.email],
    );
    const [row] = await m.query(
      `INSERT INTO invitations (email, role, consumer_group_id, member_id, cooperative_id, transport_organiser_id,
                                locale, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(days => ${INVITATION_DAYS}))
       RETURNING ${COLUMNS}`,
      [
        invitation.email,
        invitation.role,
        invitation.consumerGroupId,
        invitation.memberId,
        invitation.cooperativeId,
        invitation.transportOrganiserId,
        invitation.locale,
        invitation.tokenHash,
        invitation.invitedBy,
      ],
    );
    return row as InvitationRow;
  }

  /** Invitations newest first; `groupId` narrows to one group's (a coordinator's view). */
  async page(
    groupId: string | null,
    status: InvitationStatus | undefined,
    limit: number,
    offset: number,
  ): Promise<Page<InvitationRow>> {
    const where = [
      groupId ? 'consumer_group_id = $1' : '$1::uuid IS NULL',
      status ? STATUS_WHERE[status] : 'true',
    ];
    const sql = `FROM invitations WHERE ${where.join(' AND ')}`;
    const items = await this.dataSource.query(
      `SELECT ${COLUMNS} ${sql} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [groupId, limit, offset],
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${sql}`, [groupId]);
    return { items, total };
  }

  /** The pending invitation with this token hash, locked until the transaction ends; null if none. */
  async lockPending(m: EntityManager, tokenHash: Buffer): Promise<InvitationRow | null> {
    const [row] = await m.query(
      `SELECT ${COLUMNS} FROM invitations
        WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        FOR UPDATE`,
      [tokenHash],
    );
    return row ?? null;
  }

  async markAccepted(m: EntityManager, id: string, userId: string): Promise<void> {
    await m.query(`UPDATE invitations SET accepted_at = now(), user_id = $2 WHERE id = $1`, [id, userId]);
  }
}
