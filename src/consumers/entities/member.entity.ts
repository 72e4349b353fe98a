import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('members')
export class Member {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) consumerGroupId!: string;
  @Column() name!: string;
  @Column() email!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
