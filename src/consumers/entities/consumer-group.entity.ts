import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('consumer_groups')
export class ConsumerGroup {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) territoryId!: string;
  @Column() name!: string;
  @Column() kind!: string;
  @Column() dropPointName!: string;
  @Column() dropPointAddress!: string;
  @Column({ type: 'double precision' }) dropPointLatitude!: number;
  @Column({ type: 'double precision' }) dropPointLongitude!: number;
  @Column() contactEmail!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
