import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every sum the cycle stores is of a type that valid input cannot overflow (docs/SECURITY.md,
 * F2). A member pledges at most 1,000,000 units of an offer, so about 2,150 members of one group
 * pledging that much made the lock's sums pass 2³¹ − 1: "integer out of range", the month stayed
 * `open` for every group and cooperative. The columns that hold sums over members or groups
 * become bigint (commitments, demand, confirmations, caps, supply, the groups' allocations, the
 * loading list and shipment lines, receipts), and the weights derived from them numeric(30,3)
 * (a numeric(14,3) overflows past 10¹¹ kg; still to the gram, as the stages round them).
 *
 * What stays integer is bounded by a single input: a member's pledge, allocation and receipt
 * line (at most 1,000,000 each), a delivery pledge, an offer's capacity.
 */
const BIGINT_COLUMNS: Record<string, string[]> = {
  collective_commitments: ['quantity'],
  cycle_violations: ['cap_units'],
  cycle_offers: ['demand', 'confirmed', 'export_cap', 'supply'],
  group_allocations: ['committed', 'allocated'],
  loading_list_lines: ['units', 'packages'],
  shipment_lines: ['units', 'packages'],
  receipt_lines: ['received'],
};

const NUMERIC_COLUMNS: Record<string, string[]> = {
  loading_list_lines: ['net_kg', 'gross_kg'],
  shipment_lines: ['net_kg', 'gross_kg'],
  shipments: ['net_kg', 'gross_kg', 'tonne_km', 'co2e_kg'],
  unplaced_goods: ['gross_kg'],
};

/** The types the columns had (1763800002000, 1763800003000), for down(). */
const INTEGER = 'integer';
const WEIGHT = (table: string, column: string) =>
  table === 'shipments' && column === 'tonne_km' ? 'numeric(16,3)' : 'numeric(14,3)';

function alter(columns: Record<string, string[]>, type: (table: string, column: string) => string): string {
  return Object.entries(columns)
    .map(
      ([table, names]) =>
        `ALTER TABLE ${table} ${names.map((name) => `ALTER COLUMN ${name} TYPE ${type(table, name)}`).join(', ')};`,
    )
    .join('\n');
}

export class SumsWithoutOverflow1763800012000 implements MigrationInterface {
  name = 'SumsWithoutOverflow1763800012000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(alter(BIGINT_COLUMNS, () => 'bigint'));
    await db.query(alter(NUMERIC_COLUMNS, () => 'numeric(30,3)'));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(alter(NUMERIC_COLUMNS, WEIGHT));
    await db.query(alter(BIGINT_COLUMNS, () => INTEGER));
  }
}
