/**
 * The largest-remainder split as SQL, for tables too large to bring into Node. For rows
 * `(part, key, weight, total)` in a CTE named by `source`, where `total` is what the
 * partition `part` shares out, it yields `share` per row with exactly the semantics of
 * splitByLargestRemainder (src/common/math/largest-remainder.ts): floor of the exact quota
 * `total × weight / Σweight`, then one more unit to the largest remainders, ties to the
 * larger weight, then to the smaller key. When the total covers every weight, each row gets
 * its weight. A share never exceeds its weight, since the quota never does.
 *
 * The arithmetic is on integers (no rounding; the remainders of one partition share the
 * denominator Σweight and compare as plain integers), of the type the caller names:
 * - `numeric` when `total × weight` may pass 2⁶³: the groups' split of an offer, where a
 *   group's weight is the sum of all its members' pledges (docs/SECURITY.md, F2);
 * - `bigint`, faster on a million rows, when it cannot: the members' split of a group's
 *   allocation, where `total` ≤ 10⁹ (a confirmation's maximum) and `weight` ≤ 10⁶ (a member's
 *   pledge's maximum), so the product stays below 10¹⁵.
 */
export function largestRemainderSql(
  source: string,
  part: string,
  key: string,
  arithmetic: 'bigint' | 'numeric',
): string {
  const product = `(q.total::${arithmetic} * q.weight)`;
  const quotient = arithmetic === 'bigint' ? `${product} / q.weight_sum` : `div(${product}, q.weight_sum)`;
  return `
    quota AS (
      SELECT s.*, (sum(s.weight) OVER w)::${arithmetic} AS weight_sum
      FROM ${source} s
      WINDOW w AS (PARTITION BY ${part})
    ),
    floored AS (
      SELECT q.*,
        CASE WHEN q.total >= q.weight_sum THEN q.weight ELSE ${quotient} END AS base,
        CASE WHEN q.total >= q.weight_sum THEN 0 ELSE ${product} % q.weight_sum END AS remainder
      FROM quota q
    ),
    ranked AS (
      SELECT f.*,
        CASE WHEN f.total >= f.weight_sum THEN 0 ELSE f.total - (sum(f.base) OVER (PARTITION BY ${part}))::bigint END AS leftover,
        row_number() OVER (PARTITION BY ${part} ORDER BY f.remainder DESC, f.weight DESC, ${key} ASC) AS place
      FROM floored f
    ),
    shared AS (
      SELECT r.*, (r.base + CASE WHEN r.place <= r.leftover THEN 1 ELSE 0 END)::bigint AS share
      FROM ranked r
    )`;
}
