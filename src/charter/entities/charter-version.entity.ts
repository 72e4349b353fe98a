import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CharterRules } from '../domain/charter-rules.types';

@Entity('charter_versions')
export class CharterVersion {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) partnershipId!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'jsonb' }) rules!: CharterRules;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
