import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PaginationQuery } from '../common/pagination/pagination.dto';
import { CreateProductDto, ProductDto, ProductPageDto } from './dto/product.dto';
import { ProductsService } from './products.service';

@ApiTags('products')
@ApiBearerAuth()
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: ProductDto })
  create(@Body() dto: CreateProductDto): Promise<ProductDto> {
    return this.products.create(dto);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: ProductPageDto })
  list(@Query() page: PaginationQuery): Promise<ProductPageDto> {
    return this.products.list(page.limit, page.offset);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOkResponse({ type: ProductDto })
  get(@Param('id', UuidParamPipe) id: string): Promise<ProductDto> {
    return this.products.get(id);
  }
}
