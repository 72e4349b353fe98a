import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from '../../common/database/numeric';
import type { TransportMode } from '../domain/transport-modes';

@Entity('vehicles')
export class Vehicle {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) transportOrganiserId!: string;
  @Column() name!: string;
  @Column({ type: 'varchar' }) mode!: TransportMode;
  @Column({ type: 'numeric', transformer: numericColumn }) capacityKg!: number;
  @Column({ type: 'bigint', nullable: true, transformer: numericColumn }) costPerKmMinor!: number | null;
}
