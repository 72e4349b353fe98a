import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CERTIFICATE_KINDS = ['organic', 'pgs'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

@Entity('certificates')
export class Certificate {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) cooperativeId!: string;
  @Column({ type: 'varchar' }) kind!: CertificateKind;
  @Column() body!: string;
  @Column() number!: string;
  @Column({ type: 'date' }) validFrom!: string;
  @Column({ type: 'date' }) validTo!: string;
}
