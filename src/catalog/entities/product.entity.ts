import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('products')
export class Product {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() name!: string;
  @Column() hsCode!: string;
  @Column() unit!: string;
  /** numeric(12,4): pg returns it as a string, converted in the DTO mapping. */
  @Column({ type: 'numeric' }) unitNetKg!: string;
  @Column({ type: 'numeric' }) unitGrossKg!: string;
  @Column() category!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
