import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreateOfferDto, OfferDto, OfferViewDto } from './dto/offer.dto';

interface OfferRow {
  id: string;
  season_id: string;
  cooperative_id: string;
  product_id: string;
  unit_price_minor: string;
  pack_size: number;
  monthly_capacity: number;
}

interface OfferViewRow extends OfferRow {
  currency: string;
  product: OfferViewDto['product'];
  cooperative: OfferViewDto['cooperative'];
}

function toOffer(row: OfferRow): OfferDto {
  return {
    id: row.id,
    seasonId: row.season_id,
    cooperativeId: row.cooperative_id,
    productId: row.product_id,
    unitPriceMinor: Number(row.unit_price_minor),
    packSize: row.pack_size,
    monthlyCapacity: row.monthly_capacity,
  };
}

const OFFER_COLUMNS =
  'id, season_id, cooperative_id, product_id, unit_price_minor, pack_size, monthly_capacity';

@Injectable()
export class OffersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The cooperative's territory (null: no such cooperative) and whether the product exists. */
  async references(
    cooperativeId: string,
    productId: string,
  ): Promise<{ cooperativeTerritoryId: string | null; productExists: boolean }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT territory_id FROM cooperatives WHERE id = $1) AS cooperative_territory_id,
              EXISTS (SELECT 1 FROM products WHERE id = $2) AS product_exists`,
      [cooperativeId, productId],
    );
    return { cooperativeTerritoryId: row.cooperative_territory_id, productExists: row.product_exists };
  }

  /** Inserts the offer; null when the season already has one of this cooperative for this product. */
  async create(seasonId: string, dto: CreateOfferDto): Promise<OfferDto | null> {
    const [row] = await this.dataSource.query(
      `INSERT INTO offers (season_id, cooperative_id, product_id, unit_price_minor, pack_size, monthly_capacity)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (season_id, cooperative_id, product_id) DO NOTHING
       RETURNING ${OFFER_COLUMNS}`,
      [seasonId, dto.cooperativeId, dto.productId, dto.unitPriceMinor, dto.packSize, dto.monthlyCapacity],
    );
    return row ? toOffer(row) : null;
  }

  /** The season's offers with their product, cooperative (and its territory) and the season currency. */
  async page(seasonId: string, limit: number, offset: number): Promise<Page<OfferViewDto>> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT o.id, o.season_id, o.cooperative_id, o.product_id, o.unit_price_minor, o.pack_size, o.monthly_capacity,
                s.currency,
                json_build_object('id', p.id, 'name', p.name, 'hsCode', p.hs_code, 'unit', p.unit,
                                  'unitNetKg', p.unit_net_kg::float8, 'unitGrossKg', p.unit_gross_kg::float8,
                                  'category', p.category) AS product,
                json_build_object('id', c.id, 'name', c.name,
                                  'territory', json_build_object('id', t.id, 'name', t.name,
                                                                 'countryCode', t.country_code)) AS cooperative
         FROM offers o
         JOIN seasons s ON s.id = o.season_id
         JOIN products p ON p.id = o.product_id
         JOIN cooperatives c ON c.id = o.cooperative_id
         JOIN territories t ON t.id = c.territory_id
         WHERE o.season_id = $1 ORDER BY o.created_at, o.id LIMIT $2 OFFSET $3`,
        [seasonId, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM offers WHERE season_id = $1`, [seasonId]),
    ]);
    return {
      items: rows.map((row: OfferViewRow) => ({
        ...toOffer(row),
        currency: row.currency,
        product: row.product,
        cooperative: row.cooperative,
      })),
      total,
    };
  }
}
