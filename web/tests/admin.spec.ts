import { Api, confirmWholeDemand, testCycle } from './support/cycle-fixture';
import {
  DEMO,
  dateTimeIn,
  expect,
  expectAccessible,
  expectDataIsolated,
  expectLanguage,
  isolated,
  expectNoSidewaysScroll,
  figure,
  monthName,
  percent,
  pluralForm,
  say,
  screenshot,
  signIn,
  test,
} from './support/fixtures';
import { step, wizardFirstHalf, wizardNames, wizardSecondHalf } from './support/setup-wizard';

const tag = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });

test('admin: sets up a partnership from nothing in guided steps, leaves and resumes, and reads the API’s refusals on their fields', async ({
  page,
  request,
  language,
  text,
}, testInfo) => {
  const admin = await Api.signIn(request);
  const argan = (await admin.get('/products?limit=500')).items.find((p: { name: string }) =>
    /argan/i.test(p.name),
  );
  const n = wizardNames(tag());
  await signIn(page, text, DEMO.admin);
  await expectLanguage(page, language);
  await wizardFirstHalf(page, text, n);
  await expectAccessible(page);
  await screenshot(page, testInfo, '40-admin-setup');

  // Leave for the home page, then come back to the same partnership: the steps resume.
  await page.goto('/admin');
  await page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: n.partnership }) })
    .getByRole('link', { name: text.admin.setupAction })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    say(text.setup.titleOf, { name: isolated(n.partnership) }),
  );
  await expect(step(page, text, 'groups')).toContainText(n.group);
  await expect(step(page, text, 'cooperatives').getByRole('form')).toBeVisible();
  await expect(step(page, text, 'season')).toContainText(text.setup.blocked);

  await wizardSecondHalf(page, text, n, argan.name);
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);

  const [partnership] = (await admin.get('/partnerships?limit=500')).items.filter(
    (p: { name: string }) => p.name === n.partnership,
  );
  expect((await admin.get(`/partnerships/${partnership.id}/charter`)).rules).toMatchObject({
    maxExportShare: 0.8,
  });
  const [season] = (await admin.get('/seasons?limit=500')).items.filter(
    (s: { partnershipId: string }) => s.partnershipId === partnership.id,
  );
  expect(season.name).toBe(n.season);
  const offers = (await admin.get(`/seasons/${season.id}/offers`)).items;
  expect(offers).toHaveLength(1);
  expect(offers[0]).toMatchObject({ unitPriceMinor: 1250, monthlyCapacity: 1000, packSize: 6 });
  expect((await admin.get(`/seasons/${season.id}/groups`)).items).toHaveLength(1);
});

test('admin: edits the charter, each save a new version, and reads the history with who changed what', async ({
  page,
  request,
  text,
}, testInfo) => {
  // A partnership of its own, so the demo's charter stays what the other journeys expect.
  const admin = await Api.signIn(request);
  const id = tag();
  const [a, b] = await Promise.all([
    admin.post('/territories', {
      name: `A ${id}`,
      countryCode: 'MA',
      timezone: 'Africa/Casablanca',
      currency: 'MAD',
    }),
    admin.post('/territories', {
      name: `B ${id}`,
      countryCode: 'BE',
      timezone: 'Europe/Brussels',
      currency: 'EUR',
    }),
  ]);
  const partnership = await admin.post('/partnerships', { name: `Charte ${id}`, territoryIds: [a.id, b.id] });
  await signIn(page, text, DEMO.admin);
  await page.goto(`/admin/partnerships/${partnership.id}/charter`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    say(text.admin.charterTitle, { version: 1 }),
  );

  const share = page.getByLabel(text.rules.maxExportShare);
  await share.fill('2');
  await page.getByRole('button', { name: text.admin.charterSave }).click();
  await expect(share).toHaveAttribute('aria-invalid', 'true');
  expect((await admin.get(`/partnerships/${partnership.id}/charter`)).version).toBe(1);

  await share.fill('0.7');
  await page.getByLabel(text.rules.organicRequired).check();
  await page.getByLabel(text.modes.air).check();
  await page.getByRole('button', { name: text.admin.charterSave }).click();
  await expect(page.getByRole('status').filter({ hasText: text.admin.charterSaved })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    say(text.admin.charterTitle, { version: 2 }),
  );
  const charter = await admin.get(`/partnerships/${partnership.id}/charter`);
  expect(charter).toMatchObject({
    version: 2,
    rules: { maxExportShare: 0.7, organicRequired: true, forbiddenTransportModes: ['air'] },
  });

  const latest = page.getByRole('listitem').filter({
    has: page.getByRole('heading', { name: say(text.admin.versionTitle, { version: 2 }) }),
  });
  await expect(latest).toContainText(DEMO.admin);
  await expect(latest).toContainText(text.rules.maxExportShare);
  await expect(latest).toContainText(text.rules.organicRequired);
  await expectAccessible(page);
  await screenshot(page, testInfo, '41-admin-charter');
});

test('admin: the cycle dashboard (timeline, violations waived with a reason, the next stage run after a confirmation) and the logs by date and kind', async ({
  page,
  request,
  language,
  text,
}, testInfo) => {
  // A capacity of 10 puts the demand above the charter's export cap: a blocking violation.
  // Its cooperative confirms the whole demand; the second, silent, is held to its delivery
  // pledge of 400, above what the groups pledged on its offer.
  const c = await testCycle(request, {
    monthlyCapacity: 10,
    secondCooperative: true,
    secondDeliveryPledge: 400,
  });
  await confirmWholeDemand(c);
  const cycle = await c.admin.get(`/cycles/${c.cycleId}`);
  const violation = cycle.violations.find((v: { rule: string }) => v.rule === 'EXPORT_SHARE');
  expect(violation).toBeTruthy();

  await signIn(page, text, DEMO.admin);
  await page.goto(`/admin/cycles/${c.cycleId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    say(text.admin.cycleTitle, { month: monthName(language, c.month) }),
  );
  const timeline = page.getByRole('list', { name: text.admin.timeline });
  await expect(timeline.getByRole('listitem')).toHaveCount(7);
  await expect(timeline.locator('[aria-current="step"]')).toContainText(text.stages.confirming);
  await expect(timeline).toContainText(dateTimeIn(language, cycle.locksAt, 'Europe/Brussels'));

  // The violation said in the page's language from its facts: figures and the share through Intl,
  // the product and the cooperative isolated, nothing left in the server's English.
  const { facts } = violation;
  expect(facts).toMatchObject({ offerId: c.offerIds[0], product: c.productName, capacity: 10 });
  expect(facts.capUnits).toBe(Math.floor(facts.share * 10));
  const units = (count: number) =>
    say(pluralForm(text.violation, 'units', count, language), { formatted: figure(language, count) });
  const sentence = say(text.violation.EXPORT_SHARE, {
    product: facts.product,
    cooperative: facts.cooperative,
    demand: units(facts.demand),
    share: percent(language, facts.share),
    capacity: units(facts.capacity),
    cap: units(facts.capUnits),
  });
  const card = page.getByRole('listitem').filter({ hasText: sentence });
  await expect(card).toBeVisible();
  await expect(card).not.toContainText(violation.message);
  await expect(card.locator('[lang="en"]')).toHaveCount(0);
  await expect(card.locator('bdi').filter({ hasText: facts.product })).toHaveCount(1);
  await expect(card.locator('bdi').filter({ hasText: facts.cooperative })).toHaveCount(1);
  await expect(card).toContainText(
    say(text.admin.subject, { type: text.admin.subjectTypes.offer, id: violation.subject }),
  );
  await expectDataIsolated(page, facts.product);
  await card.getByRole('button', { name: text.admin.waive }).click();
  await expect(card.getByLabel(text.admin.waiveReason)).toHaveAccessibleDescription(
    text.admin.reasonRequired,
  );
  await card.getByLabel(text.admin.waiveReason).fill('Récolte exceptionnelle, accord du comité');
  await card.getByRole('button', { name: text.admin.waive }).click();
  await expect(card).toContainText(
    say(text.admin.waived, { reason: 'Récolte exceptionnelle, accord du comité' }),
  );
  const after = await c.admin.get(`/cycles/${c.cycleId}`);
  expect(after.violations.find((v: { id: string }) => v.id === violation.id)).toMatchObject({ waived: true });
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
  await screenshot(page, testInfo, '42-admin-cycle');

  // Run the next stage: a dialog first; cancelled, nothing runs.
  const run = page.getByRole('button', { name: say(text.admin.runNext, { stage: text.stages.allocated }) });
  await run.click();
  const dialog = page.getByRole('dialog', {
    name: say(text.admin.runNextTitle, { stage: text.stages.allocated }),
  });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: text.admin.cancel }).click();
  await expect(dialog).toBeHidden();
  expect((await c.admin.get(`/cycles/${c.cycleId}`)).status).toBe('confirming');
  await run.click();
  await dialog.getByRole('button', { name: text.admin.runNextConfirm }).click();
  // Allocation is followed at once by dispatch: the page shows the cycle on its way, and its goods.
  await expect(
    page.getByText(say(text.admin.cycleStatus, { status: text.status.dispatched })).first(),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole('heading', { name: text.admin.allocations })).toBeVisible();
  // Per offer, what was pledged, confirmed and allocated: the members' shares summed, all of them.
  const lines = await c.admin.get(`/cycles/${c.cycleId}/demand`);
  const shares = (await c.admin.get(`/cycles/${c.cycleId}/allocations?limit=500`)).items;
  for (const line of lines)
    expect(line.allocated).toBe(
      shares
        .filter((one: { offerId: string }) => one.offerId === line.offerId)
        .reduce((sum: number, one: { allocated: number }) => sum + one.allocated, 0),
    );
  expect(lines.some((line: { allocated: number }) => line.allocated > 0)).toBe(true);
  const table = page.getByRole('region', { name: text.admin.allocations });
  type Line = { offerId: string; quantity: number; confirmed: number | null; allocated: number };
  const held = (line: Line) => line.confirmed !== null && line.confirmed > line.quantity;
  await expect(table.locator('tbody td')).toHaveText(
    lines.flatMap((line: Line) =>
      [line.quantity, line.confirmed, line.allocated].map(
        (value, i) => (value === null ? '—' : figure(language, value)) + (i === 1 && held(line) ? '*' : ''),
      ),
    ),
  );
  // The silent cooperative's 400 is explained: the note, and the cell described by it.
  const silent = lines.find((line: Line) => line.offerId === c.offerIds[1]);
  expect(silent).toMatchObject({ confirmed: 400, allocated: silent.quantity });
  expect(silent.quantity).toBeLessThan(400);
  await expect(page.getByText(text.admin.heldToPledge)).toBeVisible();
  await expect(
    table.getByRole('cell', { name: new RegExp(`^${figure(language, 400)}`) }),
  ).toHaveAccessibleDescription(`* ${text.admin.heldToPledge}`);
  // The pickup point inside the loading list's sentence keeps its order in Arabic.
  const { pickupPoint } = await c.admin.get(`/cycles/${c.cycleId}/loading-list`);
  await expect(page.getByText(isolated(pickupPoint.name))).toBeVisible();

  // The logs: this waiver in the audit log of today, the confirmation requests in the notifications.
  await page.goto('/admin/logs');
  const audit = page.getByRole('region', { name: text.admin.auditLog });
  await audit.getByLabel(text.admin.fromDay).fill(today());
  await audit.getByLabel(text.admin.toDay).fill(today());
  await audit.getByLabel(text.admin.action).fill('violation.waived');
  await audit.getByRole('button', { name: text.admin.search }).click();
  const entry = audit.getByRole('listitem').filter({ hasText: violation.id });
  await expect(entry).toContainText('violation.waived');
  await expect(entry).toContainText(DEMO.admin);
  await expect(audit.getByRole('listitem').filter({ hasText: 'cycle.stage_run' })).toHaveCount(0);

  const kinds = (await c.admin.get('/notifications?limit=100')).items.map(
    (one: { kind: string }) => one.kind,
  );
  const kind = kinds[0].split(':')[0];
  const notifications = page.getByRole('region', { name: text.admin.notificationsLog });
  await notifications.getByLabel(text.admin.fromDay).fill(today());
  await notifications.getByLabel(text.admin.kind).fill(kind);
  await notifications.getByRole('button', { name: text.admin.search }).click();
  await expect(notifications.getByRole('listitem').first()).toContainText(kind);
  const shown = await notifications.locator('.log > li > strong').allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.every((one) => one.startsWith(kind))).toBe(true);
  await expectAccessible(page);
  await screenshot(page, testInfo, '43-admin-logs');
});

test.describe('a log longer than a page', () => {
  // The log's reads go to the network, where the test answers them, not to the service worker.
  test.use({ serviceWorkers: 'block' });

  test('admin: the notifications log goes through its pages, a new search starting at the first', async ({
    page,
    text,
  }) => {
    const total = 230;
    // 230 notifications, the one at offset i named by i: the page shows what the API gives it.
    await page.route('**/api/v1/notifications?*', (route) => {
      const query = new URL(route.request().url()).searchParams;
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit'));
      const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
        id: crypto.randomUUID(),
        dedupeKey: `key-${offset + i}`,
        kind: `paper_${offset + i}`,
        channel: 'email',
        cycleId: null,
        recipientType: 'cooperative',
        recipientId: crypto.randomUUID(),
        target: 'coop@test.example',
        subject: null,
        status: 'sent',
        attemptCount: 1,
        createdAt: new Date(Date.UTC(2027, 0, 1) - (offset + i) * 60_000).toISOString(),
        sentAt: null,
        attempts: [],
      }));
      return route.fulfill({ json: { items, total } });
    });
    await signIn(page, text, DEMO.admin);
    await page.goto('/admin/logs');
    const log = page.getByRole('region', { name: text.admin.notificationsLog });
    const pager = log.getByRole('navigation', { name: text.pager.label });
    const kinds = log.locator('.log > li > strong');
    const range = (first: number, last: number) => say(text.pager.range, { first, last, total });

    await expect(pager).toContainText(range(1, 100));
    await expect(kinds).toHaveCount(100);
    await expect(kinds.first()).toHaveText('paper_0');
    await expect(pager.getByRole('button', { name: text.pager.previous })).toBeDisabled();
    await pager.getByRole('button', { name: text.pager.next }).click();
    await expect(pager).toContainText(range(101, 200));
    await expect(kinds.first()).toHaveText('paper_100');
    await pager.getByRole('button', { name: text.pager.next }).click();
    await expect(pager).toContainText(range(201, 230));
    await expect(kinds).toHaveCount(30);
    await expect(pager.getByRole('button', { name: text.pager.next })).toBeDisabled();
    await pager.getByRole('button', { name: text.pager.previous }).click();
    await expect(kinds.first()).toHaveText('paper_100');
    await expect(pager).toContainText(range(101, 200));
    await expectAccessible(page);

    // A new search shows its own first page.
    await log.getByRole('button', { name: text.admin.search }).click();
    await expect(pager).toContainText(range(1, 100));
    await expect(kinds.first()).toHaveText('paper_0');
  });
});

test.describe('every rule the app says itself', () => {
  // The page's reads go to the network, where the test answers them, not to the service worker.
  test.use({ serviceWorkers: 'block' });

  test('admin: each rule of the charter and of transport is said in the page’s language from its facts, names isolated', async ({
    page,
    request,
    text,
  }, testInfo) => {
    const c = await testCycle(request, { monthlyCapacity: 10 });
    await c.admin.advanceTo(c.cycleId, 'confirming');
    const cycle = await c.admin.get(`/cycles/${c.cycleId}`);
    const [template] = cycle.violations;
    const offer = { offerId: crypto.randomUUID(), product: 'Amlou', cooperative: 'Taitmatine' };
    const cooperative = { cooperativeId: crypto.randomUUID(), cooperative: 'Tighanimine' };
    const facts: Record<string, Record<string, unknown>> = {
      ORGANIC_CERTIFICATE: { ...offer, loadingDate: '2027-02-01', certificates: 2 },
      EXCLUDED_PRODUCT: { ...offer, productId: crypto.randomUUID() },
      LOCAL_SALES_SHARE: { ...cooperative, share: 0.25, minShare: 0.5, offers: 3 },
      FAIR_PRICE: { ...offer, priceMinor: 450, floorMinor: 900, currency: 'EUR' },
      EXPORT_SHARE: { ...offer, demand: 28, share: 0.5, capacity: 10, capUnits: 5 },
      COMMITMENT_STABILITY: {
        ...offer,
        consumerGroupId: crypto.randomUUID(),
        group: 'GASAP Ixelles',
        firstMonth: 40,
        quantity: 12,
        variation: -0.7,
        maxVariation: 0.3,
      },
      TRANSPORT_MODE: { mode: 'air', forbiddenModes: ['air', 'road'] },
      TRANSPORT_EMISSIONS: { gramsPerKg: 812.5, maxGramsPerKg: 500 },
    };
    const violations = Object.entries(facts).map(([rule, ruleFacts]) => ({
      ...template,
      id: crypto.randomUUID(),
      rule,
      facts: ruleFacts,
      message: `English sentence of ${rule}.`,
    }));
    await page.route(`**/api/v1/cycles/${c.cycleId}`, (route) =>
      route.fulfill({ json: { ...cycle, violations } }),
    );
    await signIn(page, text, DEMO.admin);
    await page.goto(`/admin/cycles/${c.cycleId}`);
    const titles: Record<string, string> = text.rules;
    const sentences: Record<string, string> = text.violation;
    for (const violation of violations) {
      const card = page
        .getByRole('listitem')
        .filter({ has: page.locator('bdi', { hasText: new RegExp(`^${violation.rule}$`) }) });
      await expect(card).toBeVisible();
      await expect(card.getByRole('heading')).toContainText(titles[violation.rule]);
      // Said by the app, not the server's English, with no placeholder or key left unfilled.
      await expect(card).not.toContainText(violation.message);
      await expect(card.locator('[lang="en"]')).toHaveCount(0);
      await expect(card).not.toContainText('{{');
      await expect(card).not.toContainText('violation.');
      const sentence = sentences[violation.rule] ?? sentences[`${violation.rule}_other`];
      for (const name of ['product', 'cooperative', 'group']) {
        const value = violation.facts[name];
        if (typeof value === 'string' && sentence.includes(`{{${name}}}`))
          await expect(card.locator('bdi').filter({ hasText: value })).toHaveCount(1);
      }
    }
    await screenshot(page, testInfo, '44-admin-violations');
  });
});

test.describe('the violations the app cannot say itself', () => {
  // The page's reads go to the network, where the test answers them, not to the service worker.
  test.use({ serviceWorkers: 'block' });

  test('admin: a violation of a rule the app does not know, or stored without its facts, shows the server’s English sentence, marked as such', async ({
    page,
    request,
    text,
  }) => {
    const c = await testCycle(request, { monthlyCapacity: 10 });
    await c.admin.advanceTo(c.cycleId, 'confirming');
    const cycle = await c.admin.get(`/cycles/${c.cycleId}`);
    const capped = cycle.violations.find((v: { rule: string }) => v.rule === 'EXPORT_SHARE');
    const older = { ...capped, facts: {}, message: 'Offer X: demand of 28 units is above the cap.' };
    const unknown = { ...capped, id: crypto.randomUUID(), rule: 'NEW_RULE', message: 'A rule of tomorrow.' };
    await page.route(`**/api/v1/cycles/${c.cycleId}`, (route) =>
      route.fulfill({ json: { ...cycle, violations: [older, unknown] } }),
    );
    await signIn(page, text, DEMO.admin);
    await page.goto(`/admin/cycles/${c.cycleId}`);
    for (const { message } of [older, unknown]) {
      const said = page.getByRole('listitem').locator('p[lang="en"]').filter({ hasText: message });
      await expect(said).toBeVisible();
      await expect(said).toHaveAttribute('dir', 'auto');
    }
  });
});

test.describe('what holds a cycle up', () => {
  // The page's reads go to the network, where the test answers them, not to the service worker.
  test.use({ serviceWorkers: 'block' });

  test('admin: a stage that failed for good and messages not written are said with their cause; a stage run that fails again says so', async ({
    page,
    request,
    language,
    text,
  }, testInfo) => {
    const c = await testCycle(request, { monthlyCapacity: 10 });
    const cycle = await c.admin.get(`/cycles/${c.cycleId}`);
    const failedAt = '2027-01-28T23:00:05.000Z';
    let lastError = {
      stage: 'lock',
      fromStatus: 'open',
      code: '22003',
      message: 'integer out of range',
      at: failedAt,
    };
    await page.route(`**/api/v1/cycles/${c.cycleId}`, (route) =>
      route.fulfill({ json: { ...cycle, status: 'open', lastError } }),
    );
    const late = {
      cycleId: c.cycleId,
      kind: 'cycle.allocated',
      recordedAt: '2027-01-30T08:00:00.000Z',
      failures: 3,
      lastError: { message: 'messages refused', code: '23514', at: '2027-01-30T08:03:00.000Z' },
    };
    await page.route('**/api/v1/health', async (route) => {
      const health = await (await route.fetch()).json();
      await route.fulfill({ json: { ...health, lateEvents: [late] } });
    });
    await signIn(page, text, DEMO.admin);
    await page.goto(`/admin/cycles/${c.cycleId}`);

    const problems = page.getByRole('region', { name: text.admin.problems });
    const stage = problems.locator('p').filter({ hasText: text.stages.locked });
    await expect(stage).toContainText(dateTimeIn(language, failedAt, cycle.timeZone));
    // The database's words stay English, marked so, left to right inside the sentence.
    await expect(stage.locator('bdi[lang="en"][dir="ltr"]')).toHaveText('integer out of range (22003)');
    const messages = problems
      .locator('p')
      .filter({ has: page.locator('bdi', { hasText: 'cycle.allocated' }) });
    await expect(messages).toContainText(dateTimeIn(language, late.recordedAt, cycle.timeZone));
    await expect(messages.locator('bdi[lang="en"]')).toHaveText('messages refused (23514)');
    await expect(problems).not.toContainText('{{');
    await expectAccessible(page);
    await screenshot(page, testInfo, '45-admin-problems');

    // Run again, and it fails again (a new failure time): the page stops waiting and says so.
    await page.getByRole('button', { name: say(text.admin.runNext, { stage: text.stages.locked }) }).click();
    lastError = { ...lastError, at: '2027-01-29T09:00:00.000Z' };
    await page.getByRole('button', { name: text.admin.runNextConfirm }).click();
    await expect(page.getByRole('status').filter({ hasText: text.admin.stageFailedAgain })).toBeVisible();

    // Once nothing holds it up, the section is gone.
    await page.unroute(`**/api/v1/cycles/${c.cycleId}`);
    await page.unroute('**/api/v1/health');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: text.admin.problems })).toHaveCount(0);
  });
});
