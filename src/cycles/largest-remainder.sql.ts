/**
 * The largest-remainder split as SQL, for tables too large to bring into Node. For rows
 * `(part, key, weight, total)` in a CTE named by `source`, where `total` is what the
 * partition `part` shares out, it yields `share` per row with exactly the semantics of
 * splitByLargestRemainder (src/common/math/largest-remainder.ts): floor of the exact quota
 * `total × weight / Σweight`, then one more unit to the largest remainders, ties to the
 * larger weight, then to the smaller key. When the total covers every weight, each row gets
 * its weight. A share never exceeds its weight, since the quota never does.
 *
 * All arithmetic is on bigint, so no rounding is involved; the remainders of one partition
 * share the denominator Σweight and compare as plain integers.
 */
export function largestRemainderSql(source: string, part: string, key: string): string {
  return `
    quota AS (
      SELECT s.*, (sum(s.weight) OVER w)::bigint AS weight_sum
      FROM ${source} s
      WINDOW w AS (PARTITION BY ${part})
    ),
    floored AS (
      SELECT q.*,
        CASE WHEN q.total >= q.weight_sum THEN q.weight ELSE (q.total::bigint * q.weight) / q.weight_sum END AS base,
        CASE WHEN q.total >= q.weight_sum THEN 0 ELSE (q.total::bigint * q.weight) % q.weight_sum END AS remainder
      FROM quota q
    ),
    ranked AS (
      SELECT f.*,
        CASE WHEN f.total >= f.weight_sum THEN 0 ELSE f.total - (sum(f.base) OVER (PARTITION BY ${part}))::bigint END AS leftover,
        row_number() OVER (PARTITION BY ${part} ORDER BY f.remainder DESC, f.weight DESC, ${key} ASC) AS place
      FROM floored f
    ),
    shared AS (
      SELECT r.*, (r.base + CASE WHEN r.place <= r.leftover THEN 1 ELSE 0 END)::integer AS share
      FROM ranked r
    )`;
}
