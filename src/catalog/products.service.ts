import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreateProductDto, ProductDto } from './dto/product.dto';
import type { Product } from './entities/product.entity';
import { ProductsRepository } from './products.repository';

function toDto(product: Product): ProductDto {
  const { id, name, hsCode, unit, unitNetKg, unitGrossKg, category } = product;
  return { id, name, hsCode, unit, unitNetKg: Number(unitNetKg), unitGrossKg: Number(unitGrossKg), category };
}

@Injectable()
export class ProductsService {
  constructor(private readonly products: ProductsRepository) {}

  async create(dto: CreateProductDto): Promise<ProductDto> {
    if (dto.unitGrossKg < dto.unitNetKg) {
      throw new BadRequestException(
        'unitGrossKg: must be at least unitNetKg (the packaging weighs something)',
      );
    }
    return toDto(await this.products.create(dto));
  }

  async get(id: string): Promise<ProductDto> {
    const product = await this.products.findById(id);
    if (!product) throw new NotFoundException('product not found');
    return toDto(product);
  }

  async list(limit: number, offset: number): Promise<Page<ProductDto>> {
    const page = await this.products.page(limit, offset);
    return { items: page.items.map(toDto), total: page.total };
  }
}
