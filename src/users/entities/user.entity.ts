import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../common/auth/actor';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() email!: string;
  @Column({ select: false }) passwordHash!: string;
  @Column({ type: 'varchar' }) role!: Role;
  @Column({ type: 'uuid', nullable: true }) consumerGroupId!: string | null;
  @Column({ type: 'uuid', nullable: true }) memberId!: string | null;
  @Column({ type: 'uuid', nullable: true }) cooperativeId!: string | null;
  @Column({ type: 'uuid', nullable: true }) transportOrganiserId!: string | null;
  /** en | fr | ar | nl; null: the group's territory default. */
  @Column({ type: 'varchar', nullable: true }) locale!: string | null;
  /** Notification kinds this user has switched off (e.g. `cycle.closing`). */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) mutedNotifications!: string[];
  /** false: the login is switched off (by an admin, or the member left its group). */
  @Column({ default: true }) active!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
