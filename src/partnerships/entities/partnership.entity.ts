import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('partnerships')
export class Partnership {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() name!: string;
  @Column({ type: 'uuid' }) territoryAId!: string;
  @Column({ type: 'uuid' }) territoryBId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
