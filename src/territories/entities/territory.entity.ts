import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('territories')
export class Territory {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() name!: string;
  @Column() countryCode!: string;
  @Column() timezone!: string;
  @Column() currency!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
