import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('pickup_points')
export class PickupPoint {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) territoryId!: string;
  @Column() name!: string;
  @Column() address!: string;
  @Column({ type: 'double precision' }) latitude!: number;
  @Column({ type: 'double precision' }) longitude!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
