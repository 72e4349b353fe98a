import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { Role } from '../common/auth/actor';
import type { Page } from '../common/pagination/pagination.dto';
import { User } from './entities/user.entity';

/** The columns PATCH /users/:id may set; links are replaced together with the role. */
export interface UserChanges {
  active?: boolean;
  role?: Role;
  consumerGroupId?: string | null;
  memberId?: string | null;
  cooperativeId?: string | null;
  transportOrganiserId?: string | null;
}

export type NewUser = Omit<User, 'id' | 'createdAt' | 'locale' | 'mutedNotifications' | 'active'> &
  Partial<Pick<User, 'locale' | 'mutedNotifications'>>;

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findByEmailWithHash(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  async emailTaken(email: string): Promise<boolean> {
    return (
      (await this.users
        .createQueryBuilder('u')
        .where('lower(u.email) = lower(:email)', { email })
        .getCount()) > 0
    );
  }

  /** Inserts the user; null when the email is taken. */
  async insert(user: NewUser, manager: EntityManager = this.users.manager): Promise<User | null> {
    const [row] = await manager.query(
      `INSERT INTO users (email, password_hash, role, consumer_group_id, member_id, cooperative_id, transport_organiser_id, locale)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        user.email,
        user.passwordHash,
        user.role,
        user.consumerGroupId,
        user.memberId,
        user.cooperativeId,
        user.transportOrganiserId,
        user.locale ?? null,
      ],
    );
    return row ? manager.findOneBy(User, { id: row.id }) : null;
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByIdWithHash(id: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne();
  }

  async setPasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.update(User, { id }, { passwordHash });
  }

  /** Sets the locale (when given) and switches notification kinds on or off; answers the user. */
  async updateSettings(
    id: string,
    locale: string | undefined,
    mute: string[],
    unmute: string[],
  ): Promise<User | null> {
    await this.users.query(
      `UPDATE users
          SET locale = coalesce($2, locale),
              muted_notifications = ARRAY(SELECT DISTINCT k FROM unnest(muted_notifications || $3::text[]) AS k
                                           WHERE NOT (k = ANY($4::text[])) ORDER BY k)
        WHERE id = $1`,
      [id, locale ?? null, mute, unmute],
    );
    return this.findById(id);
  }

  async page(filter: { role?: Role; active?: boolean }, limit: number, offset: number): Promise<Page<User>> {
    const [items, total] = await this.users.findAndCount({
      where: {
        ...(filter.role ? { role: filter.role } : {}),
        ...(filter.active === undefined ? {} : { active: filter.active }),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }

  /** Applies the changes (in the caller's transaction) and answers the user as it now is. */
  async update(manager: EntityManager, id: string, changes: UserChanges): Promise<User | null> {
    if (Object.keys(changes).length > 0) await manager.update(User, { id }, changes);
    return manager.findOneBy(User, { id });
  }

  /** Active admins other than this user (locked, so that two admins cannot demote each other at once). */
  async otherActiveAdmins(manager: EntityManager, id: string): Promise<number> {
    const rows = await manager.query(
      `SELECT id FROM users WHERE role = 'admin' AND active AND id <> $1 FOR UPDATE`,
      [id],
    );
    return rows.length;
  }

  async adminExists(): Promise<boolean> {
    return (await this.users.countBy({ role: 'admin' })) > 0;
  }

  /** The group a member belongs to, or null when there is no such member. */
  async memberGroup(memberId: string): Promise<string | null> {
    const [row] = await this.users.query('SELECT consumer_group_id FROM members WHERE id = $1', [memberId]);
    return row?.consumer_group_id ?? null;
  }

  async organisationExists(
    table: 'consumer_groups' | 'cooperatives' | 'transport_organisers',
    id: string,
  ): Promise<boolean> {
    const rows = await this.users.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
    return rows.length > 0;
  }
}
