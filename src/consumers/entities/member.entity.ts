import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('members')
export class Member {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) consumerGroupId!: string;
  @Column() name!: string;
  @Column() email!: string;
  /** false once the member has left its group (its history stays). */
  @Column({ default: true }) active!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) leftAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
