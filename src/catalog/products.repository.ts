import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreateProductDto } from './dto/product.dto';
import { Product } from './entities/product.entity';

@Injectable()
export class ProductsRepository {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  create(dto: CreateProductDto): Promise<Product> {
    const { unitNetKg, unitGrossKg, ...rest } = dto;
    return this.products.save(
      this.products.create({ ...rest, unitNetKg: String(unitNetKg), unitGrossKg: String(unitGrossKg) }),
    );
  }

  findById(id: string): Promise<Product | null> {
    return this.products.findOneBy({ id });
  }

  async page(limit: number, offset: number): Promise<Page<Product>> {
    const [items, total] = await this.products.findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }
}
