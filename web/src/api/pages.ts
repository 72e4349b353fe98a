// Pure: no client, no React, so that a test can read it alone.

/** The most a list endpoint gives in one page (PaginationQuery's maximum). */
export const PAGE_MAX = 500;

/** The query of one page, as every list endpoint takes it. */
export interface PageQuery {
  limit: number;
  offset: number;
}

/**
 * Every item of a paginated list, page after page: for the lists a page must show whole (a
 * group's members, to know who has not pledged; an admin's partnerships, products, groups),
 * which may pass one page's 500.
 */
export async function everyItem<T>(
  page: (query: PageQuery) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const first = await page({ limit: PAGE_MAX, offset: 0 });
  const items = [...first.items];
  while (items.length < first.total) {
    const next = await page({ limit: PAGE_MAX, offset: items.length });
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return items;
}
