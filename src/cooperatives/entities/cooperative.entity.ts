import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from '../../common/database/numeric';

@Entity('cooperatives')
export class Cooperative {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) territoryId!: string;
  @Column() name!: string;
  @Column() contactEmail!: string;
  @Column({ type: 'numeric', transformer: numericColumn }) localSalesShare!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
