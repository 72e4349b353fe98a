import { PAGE_MAX, type PageQuery, everyItem } from '../src/api/pages';
import { expect, test } from './support/fixtures';

/** A list read whole, page after page, without a page: run once, in one project. */
test.beforeEach(({ browserName: _ }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop-fr', 'no page: one project is enough');
});

/** A list endpoint over `items`, as the API answers: a page from an offset, and the total. */
function endpoint(items: number[], asked: number[]) {
  return async ({ limit, offset }: PageQuery) => {
    asked.push(offset);
    return { items: items.slice(offset, offset + limit), total: items.length };
  };
}

test('a list longer than a page is read whole, each page once, in order', async () => {
  const members = Array.from({ length: 1234 }, (_, i) => i);
  const asked: number[] = [];
  expect(await everyItem(endpoint(members, asked))).toEqual(members);
  expect(asked).toEqual([0, 500, 1000]);
});

test('a list of one page is read in one request, an empty one too', async () => {
  const asked: number[] = [];
  expect(await everyItem(endpoint([1, 2, 3], asked))).toEqual([1, 2, 3]);
  expect(await everyItem(endpoint([], asked))).toEqual([]);
  expect(asked).toEqual([0, 0]);
});

test('a list that shrinks while it is read ends at its last page instead of asking forever', async () => {
  const members = Array.from({ length: 700 }, (_, i) => i);
  let calls = 0;
  const shrinking = async ({ offset }: PageQuery) => {
    calls += 1;
    // Between the first page and the second, 300 members leave: the second page is empty.
    const now = offset === 0 ? members : members.slice(0, 400);
    return { items: now.slice(offset, offset + PAGE_MAX), total: offset === 0 ? 700 : 400 };
  };
  expect(await everyItem(shrinking)).toEqual(members.slice(0, 500));
  expect(calls).toBe(2);
});
