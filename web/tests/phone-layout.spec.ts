import type { Page } from '@playwright/test';
import { DEMO, expect, signIn, test } from './support/fixtures';

/**
 * What sticks out of a phone's screen: the page wider than the screen, or an element reaching
 * past its edges outside a container that scrolls sideways; and a table wider than its
 * container, which must then be a named region a keyboard can scroll (ui/ScrollTable).
 */
async function overflowOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(`page ${root.scrollWidth}px wide on a ${root.clientWidth}px screen`);
    const scrolls = (element: Element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || getComputedStyle(element).visibility === 'hidden') continue;
      if (element.closest('.visually-hidden')) continue;
      let inside = element.parentElement;
      while (inside && !scrolls(inside)) inside = inside.parentElement;
      if (inside) continue;
      if (box.left < -1 || box.right > root.clientWidth + 1)
        problems.push(`${name(element)} from ${Math.round(box.left)} to ${Math.round(box.right)}px`);
    }
    for (const table of document.querySelectorAll('table')) {
      const wrap = table.parentElement!;
      if (table.scrollWidth <= wrap.clientWidth + 1) continue;
      const named =
        wrap.getAttribute('role') === 'region' &&
        (wrap.hasAttribute('aria-label') || wrap.hasAttribute('aria-labelledby')) &&
        wrap.tabIndex === 0 &&
        scrolls(wrap);
      if (!named) problems.push(`table "${table.caption?.textContent ?? ''}" cut: not a named scroll region`);
    }
    return problems;
  });
}

async function visit(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  return (await overflowOf(page)).map((problem) => `${path}: ${problem}`);
}

test.describe('at phone size, nothing is cut off', () => {
  test.beforeEach(({ size }) => test.skip(size !== 'phone', 'phone size only'));

  test('pages without a session', async ({ page }) => {
    const problems: string[] = [];
    for (const path of [
      '/sign-in',
      '/password-reset',
      '/invitations/accept?token=not-a-real-one',
      '/password-reset/confirm?token=not-a-real-one',
    ])
      problems.push(...(await visit(page, path)));
    expect(problems).toEqual([]);
  });

  test('the member’s pages', async ({ page, text }) => {
    await signIn(page, text, DEMO.member);
    const problems: string[] = [];
    for (const path of ['/member', '/member/history', '/member/statements', '/account', '/seasons'])
      problems.push(...(await visit(page, path)));
    expect(problems).toEqual([]);
  });

  test('the coordinator’s pages', async ({ page, text }) => {
    await signIn(page, text, DEMO.coordinator);
    const problems: string[] = [];
    for (const path of [
      '/coordinator',
      '/coordinator/members',
      '/coordinator/deliveries',
      '/coordinator/statements',
    ])
      problems.push(...(await visit(page, path)));
    expect(problems).toEqual([]);
  });
});
