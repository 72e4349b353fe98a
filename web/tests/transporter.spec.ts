import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import { confirmWholeDemand, testCycle } from './support/cycle-fixture';
import {
  dayName,
  expect,
  expectAccessible,
  expectLanguage,
  expectNoSidewaysScroll,
  expectServerSays,
  figure,
  kg,
  monthName,
  plural,
  say,
  screenshot,
  signIn,
  test,
} from './support/fixtures';

/** Clicks a download link and answers what the browser saved. */
async function download(page: Page, link: Locator): Promise<{ name: string; body: Buffer }> {
  const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), body: readFileSync((await file.path())!) };
}

test('transporter: its shipments of a month (vehicle, stops in order, weights, distance, CO2e), the manifest as PDF, CSV and JSON with its versions, and the border documents', async ({
  page,
  request,
  language,
  text,
}, testInfo) => {
  const c = await testCycle(request);
  await confirmWholeDemand(c);
  await c.admin.advanceTo(c.cycleId, 'dispatched');
  const [shipment] = (await c.admin.get(`/cycles/${c.cycleId}/shipments`)).items;
  const manifest = await c.admin.get(`/shipments/${shipment.id}/manifest`);

  await signIn(page, text, c.transporter.email, c.transporter.password);
  await expect(page).toHaveURL(/\/transporter$/);
  await expectLanguage(page, language);
  await expectAccessible(page);
  // The next step (GET /me): carry this month's shipments, on its loading day.
  const { loadingDate } = await c.admin.get(`/cycles/${c.cycleId}`);
  await expect(
    page.getByRole('link', { name: say(text.next.carry, { month: monthName(language, c.month) }) }),
  ).toHaveAttribute('href', `/transporter/cycles/${c.cycleId}`);
  await expect(page.getByText(dayName(language, loadingDate))).toBeVisible();
  await page
    .getByRole('main')
    .getByRole('link', { name: text.transporter.shipmentsAction, exact: true })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    say(text.transporter.cycleTitle, { month: monthName(language, c.month) }),
  );

  const card = page.getByRole('region', {
    name: `${say(text.transporter.shipment, { n: 1 })} · ${shipment.manifest.number}`,
  });
  await expect(card).toContainText(`${shipment.vehicle.name} · ${text.modes.road}`);
  await expect(card).toContainText(kg(language, shipment.totals.grossKg));
  await expect(card).toContainText(`${figure(language, Math.round(shipment.distanceKm))} km`);
  await expect(card).toContainText(`${kg(language, shipment.co2eKg)} CO2e`);
  // The stops in the order the truck makes them, each with its consignee and drop point.
  const stops = card.locator('ol.stops > li');
  await expect(stops).toHaveCount(shipment.stops.length);
  for (const [index, stop] of shipment.stops.entries()) {
    await expect(stops.nth(index)).toContainText(stop.consignee);
    await expect(stops.nth(index)).toContainText(stop.dropPoint.name);
  }
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
  await screenshot(page, testInfo, '30-transporter-shipments');

  const pdf = await download(page, card.getByRole('link', { name: text.transporter.pdf }));
  expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  const csv = await download(page, card.getByRole('link', { name: text.transporter.csv, exact: true }));
  expect(csv.body.toString()).toContain(manifest.number);
  const json = await download(page, card.getByRole('link', { name: text.transporter.json, exact: true }));
  expect(json.name).toBe(`${manifest.number}.json`);
  expect(JSON.parse(json.body.toString())).toMatchObject({ number: manifest.number, version: 1 });

  // The border documents: what the route still requires, a refused number on its field, then saved.
  const papers = card.getByRole('region', { name: text.transporter.documents });
  await expect(papers).toContainText(text.transporter.warnings.PROOF_OF_ORIGIN_MISSING);
  const eur1 = papers.getByLabel(text.transporter.eur1Number);
  await eur1.fill('!');
  await papers.getByRole('button', { name: text.transporter.saveDocuments }).click();
  // The server's reason in the page's language, its example kept as data (isolated).
  await expectServerSays(eur1, text, 'format', { example: '\u2068A 1234567\u2069' });
  expect((await c.admin.get(`/shipments/${shipment.id}/manifest`)).version).toBe(1);
  await eur1.fill('A 1234567');
  const organic = manifest.lines.filter((line: { organic: boolean }) => line.organic);
  for (const [index] of organic.entries()) {
    await papers.getByLabel(text.transporter.coiNumber).nth(index).fill(`COI.EU.MA.2026.000123${index}`);
    await papers.getByLabel(text.transporter.controlBody).nth(index).fill('MA-BIO-154');
  }
  await expectAccessible(page);
  await screenshot(page, testInfo, '31-transporter-documents');
  await papers.getByRole('button', { name: text.transporter.saveDocuments }).click();
  await expect(papers.getByRole('status')).toHaveText(say(text.transporter.documentsSaved, { version: 2 }));
  await expect(eur1).not.toHaveAttribute('aria-invalid', 'true');
  await expect(papers).toContainText(text.transporter.papersComplete);
  const reissued = await c.admin.get(`/shipments/${shipment.id}/manifest`);
  expect(reissued).toMatchObject({
    version: 2,
    documents: { proofOfOrigin: { kind: 'eur1', number: 'A 1234567' } },
    documentWarnings: [],
  });
  expect(reissued.lines.filter((line: { coiNumber: string | null }) => line.coiNumber)).toHaveLength(
    organic.length,
  );

  // Both versions, each to download; the CMR notes of the new one.
  const versions = card
    .locator('details')
    .filter({ hasText: plural(text.transporter, 'versions', 2, language) });
  await versions.locator('summary').click();
  const old = await download(page, versions.getByRole('link', { name: 'JSON' }).last());
  expect(JSON.parse(old.body.toString())).toMatchObject({ version: 1, documents: { proofOfOrigin: null } });
  const cmr = await download(page, papers.getByRole('link', { name: text.transporter.cmr }));
  expect(cmr.body.subarray(0, 5).toString()).toBe('%PDF-');
  await expectAccessible(page);
});
