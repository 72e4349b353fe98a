import fc from 'fast-check';
import { fcParameters } from '../support/property';
import { Client } from 'pg';
import { splitByLargestRemainder } from '../../src/common/math/largest-remainder';
import { largestRemainderSql } from '../../src/cycles/largest-remainder.sql';

/**
 * The allocation stage shares units in SQL (window functions over up to millions of pledge
 * rows); splitByLargestRemainder is the reference. On random partitions the two must agree
 * to the unit, ties included.
 */
describe('largest remainder in SQL', () => {
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(() => db.end());

  const partition = fc.record({
    total: fc.integer({ min: 0, max: 5000 }),
    claims: fc.uniqueArray(
      fc.record({ key: fc.uuid({ version: 4 }), weight: fc.integer({ min: 0, max: 1000 }) }),
      {
        minLength: 1,
        maxLength: 25,
        selector: (claim) => claim.key,
      },
    ),
  });

  async function sqlShares(
    parts: { total: number; claims: { key: string; weight: number }[] }[],
    arithmetic: 'bigint' | 'numeric' = 'bigint',
  ) {
    const rows = parts.flatMap((part, index) =>
      part.claims.map((claim) => ({ index, total: part.total, ...claim })),
    );
    const result = await db.query(
      `WITH source AS (
         SELECT * FROM unnest($1::int[], $2::bigint[], $3::uuid[], $4::bigint[]) AS s(part, total, key, weight)
       ), ${largestRemainderSql('source', 'part', 'key', arithmetic)}
       SELECT part, key::text, share FROM shared`,
      [rows.map((r) => r.index), rows.map((r) => r.total), rows.map((r) => r.key), rows.map((r) => r.weight)],
    );
    const shares = parts.map(() => new Map<string, number>());
    for (const row of result.rows) shares[row.part].set(row.key, Number(row.share));
    return shares;
  }

  it.each(['bigint', 'numeric'] as const)(
    'gives every row the share the pure function gives it (%s)',
    async (arithmetic) => {
      await fc.assert(
        fc.asyncProperty(fc.array(partition, { minLength: 1, maxLength: 8 }), async (parts) => {
          const fromSql = await sqlShares(parts, arithmetic);
          parts.forEach((part, index) => {
            const expected = splitByLargestRemainder(part.total, part.claims);
            for (const claim of part.claims) {
              expect(fromSql[index].get(claim.key)).toBe(expected.get(claim.key) ?? 0);
            }
          });
        }),
        fcParameters({ numRuns: 150 }),
      );
    },
  );

  it('breaks ties by weight, then by key', async () => {
    const low = '00000000-0000-4000-8000-000000000001';
    const high = 'ffffffff-0000-4000-8000-000000000001';
    // 1 unit for two equal claims: the smaller key wins.
    const [tie] = await sqlShares([
      {
        total: 1,
        claims: [
          { key: high, weight: 2 },
          { key: low, weight: 2 },
        ],
      },
    ]);
    expect([tie.get(low), tie.get(high)]).toEqual([1, 0]);
  });

  it('shares past 2⁶³ in numeric (weights that are sums over thousands of members)', async () => {
    const a = '00000000-0000-4000-8000-000000000001';
    const b = 'ffffffff-0000-4000-8000-000000000001';
    // 10⁹ × 9·10¹² overflows a bigint product; the exact quotas are 10⁹ × 9/10 and × 1/10.
    const [split] = await sqlShares(
      [
        {
          total: 1_000_000_000,
          claims: [
            { key: a, weight: 9_000_000_000_000 },
            { key: b, weight: 1_000_000_000_000 },
          ],
        },
      ],
      'numeric',
    );
    expect([split.get(a), split.get(b)]).toEqual([900_000_000, 100_000_000]);
  });
});
