import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale } from '../domain/locales';

export const ORGANISER_SIDES = ['consumers', 'producers', 'third_party'] as const;
export type OrganiserSide = (typeof ORGANISER_SIDES)[number];

@Entity('transport_organisers')
export class TransportOrganiser {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() name!: string;
  @Column({ type: 'varchar' }) side!: OrganiserSide;
  @Column() contactEmail!: string;
  @Column({ type: 'varchar', nullable: true }) webhookUrl!: string | null;
  @Column({ type: 'varchar' }) locale!: Locale;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
