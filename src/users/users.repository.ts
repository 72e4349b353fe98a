import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { User } from './entities/user.entity';

export type NewUser = Omit<User, 'id' | 'createdAt' | 'locale' | 'mutedNotifications'> &
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
  async insert(user: NewUser): Promise<User | null> {
    const [row] = await this.users.query(
      `INSERT INTO users (email, password_hash, role, consumer_group_id, member_id, cooperative_id, transport_organiser_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
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
      ],
    );
    return row ? this.users.findOneBy({ id: row.id }) : null;
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
