import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from '../../common/database/numeric';

export const TRANSPORT_MODES = ['road', 'rail', 'sea', 'air'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

@Entity('vehicles')
export class Vehicle {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) transportOrganiserId!: string;
  @Column() name!: string;
  @Column({ type: 'varchar' }) mode!: TransportMode;
  @Column({ type: 'numeric', transformer: numericColumn }) capacityKg!: number;
  @Column({ type: 'bigint', nullable: true, transformer: numericColumn }) costPerKmMinor!: number | null;
}
