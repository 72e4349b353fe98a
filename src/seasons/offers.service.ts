import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreateOfferDto, OfferDto, OfferViewDto } from './dto/offer.dto';
import { OffersRepository } from './offers.repository';
import { SeasonAccess } from './season-access';

@Injectable()
export class OffersService {
  constructor(
    private readonly offers: OffersRepository,
    private readonly access: SeasonAccess,
  ) {}

  async create(seasonId: string, dto: CreateOfferDto): Promise<OfferDto> {
    const season = await this.access.existing(seasonId);
    const refs = await this.offers.references(dto.cooperativeId, dto.productId);
    if (!refs.cooperativeTerritoryId) throw new BadRequestException('cooperativeId: no such cooperative');
    if (refs.cooperativeTerritoryId !== season.producerTerritoryId) {
      throw new BadRequestException(
        'cooperativeId: the cooperative is not in the season’s producer territory',
      );
    }
    if (!refs.productExists) throw new BadRequestException('productId: no such product');
    const offer = await this.offers.create(seasonId, dto);
    if (!offer)
      throw new ConflictException('productId: this cooperative already offers this product in the season');
    return offer;
  }

  async list(actor: Actor, seasonId: string, limit: number, offset: number): Promise<Page<OfferViewDto>> {
    await this.access.readable(actor, seasonId);
    return this.offers.page(seasonId, limit, offset);
  }
}
