import { parseCsv } from '../support/csv';
import { pdfToText, squash } from '../support/pdftotext';
import { Webhook } from 'standardwebhooks';
import { standardWebhookSecret } from '../../src/notifications/domain/webhook-signature';
import { attachmentBytes, SIGNING_SECRET, startHookServer, startSmtpServer } from '../notifications/support';
import { isolatedDatabase } from '../support/isolated-database';
import { charterVersion, transportOrganiser, vehicle } from '../support/rows';
import { Api, apiUrl } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import { invariantBreaches } from '../cycles/cycle-invariants';
import { scenario, waitForStatus, type Scenario } from '../cycles/cycle-scenario';
import { until } from '../support/wait';

/**
 * Dispatch through the queues: a truck of 80 kg, a van of 40 kg (so the second group's ~55 kg
 * consignment must be split by line), an aircraft the charter forbids, and an emissions limit
 * the road trip exceeds. The organiser takes its manifests in French, by mail and by webhook.
 */
const NAMES = {
  arabic: 'تعاونية تيغانيمين',
  tifinagh: 'Coopérative ⵜⴰⵎⴰⵣⵉⵖⵜ',
  polish: 'Łódź Spółdzielnia',
  turkish: 'GASAP Ağrı',
};

describe('dispatch', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let hooks: Awaited<ReturnType<typeof startHookServer>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let s: Scenario;
  let vehicles: { truck: string; van: string; plane: string };
  let shipments: { items: any[]; total: number; unplaced: any[] };

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_dispatch');
    smtp = await startSmtpServer();
    hooks = await startHookServer();
    t = await startTestApp({
      databaseUrl: db.url,
      queuePrefix: db.queuePrefix,
      role: 'all',
      clockIntervalMs: 1000,
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      webhookSigningSecret: SIGNING_SECRET,
      allowPrivateWebhookTargets: true,
    });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    s = await scenario(api, admin, t.dataSource);
    // Senders and consignees named in Arabic, Tifinagh and accented Latin: every PDF must carry them.
    await t.dataSource.query(`UPDATE cooperatives SET name = $2 WHERE id = $1`, [
      s.r.cooperativeIds[0],
      NAMES.arabic,
    ]);
    await t.dataSource.query(`UPDATE cooperatives SET name = $2 WHERE id = $1`, [
      s.r.cooperativeIds[1],
      NAMES.tifinagh,
    ]);
    await t.dataSource.query(`UPDATE consumer_groups SET name = $2 WHERE id = $1`, [
      s.r.groupIds[0],
      NAMES.polish,
    ]);
    await t.dataSource.query(`UPDATE consumer_groups SET name = $2 WHERE id = $1`, [
      s.r.groupIds[1],
      NAMES.turkish,
    ]);
    const organiserId = s.r.transportOrganiserIds[0];
    await t.dataSource.query(
      `UPDATE transport_organisers SET locale = 'fr', webhook_url = $2 WHERE id = $1`,
      [organiserId, `http://127.0.0.1:${hooks.port}/manifests`],
    );
    vehicles = {
      truck: await vehicle(t.dataSource, organiserId, {
        name: 'Camion',
        capacityKg: 80,
        costPerKmMinor: 120,
      }),
      van: await vehicle(t.dataSource, organiserId, { name: 'Fourgon', capacityKg: 40, costPerKmMinor: 90 }),
      plane: await vehicle(t.dataSource, organiserId, {
        name: 'Avion',
        mode: 'air',
        capacityKg: 10000,
        costPerKmMinor: 5000,
      }),
    };
    await charterVersion(t.dataSource, s.r.partnershipId, {
      organicRequired: true,
      maxExportShare: 0.5,
      forbiddenTransportModes: ['air'],
      maxEmissionsGramsPerKg: 50,
    });
    expect((await api.as(admin).post('/cycles/{id}/advance', { params: { id: s.cycleId } })).status).toBe(
      202,
    );
    await waitForStatus(api, admin, s.cycleId, 'confirming');
    const coop0 = await userToken(api, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[0] });
    await api.as(coop0).put('/cycles/{id}/confirmations/{cooperativeId}', {
      params: { id: s.cycleId, cooperativeId: s.r.cooperativeIds[0] },
      body: {
        lines: [
          { offerId: s.offers.o1, quantity: s.demand.o1 },
          { offerId: s.offers.o2, quantity: s.demand.o2 },
        ],
      },
    });
    expect((await api.as(admin).post('/cycles/{id}/advance', { params: { id: s.cycleId } })).status).toBe(
      202,
    );
    await waitForStatus(api, admin, s.cycleId, 'dispatched');
    shipments = (await api.as(admin).get('/cycles/{id}/shipments', { params: { id: s.cycleId } })).body;
  }, 60_000);

  const pdfOf = async (url: string): Promise<Buffer> => {
    const reply = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });
    expect(reply.statusCode).toBe(200);
    return reply.rawPayload;
  };

  afterAll(async () => {
    await t.close();
    await Promise.all([smtp.close(), hooks.close()]);
    await db.drop();
  });

  it('packs every line of the loading list exactly once, within each vehicle’s capacity', async () => {
    const [{ missing }] = await t.dataSource.query(
      `SELECT count(*)::int AS missing FROM loading_list_lines l
        LEFT JOIN shipment_lines sl USING (cycle_id, consumer_group_id, offer_id)
        LEFT JOIN unplaced_goods u USING (cycle_id, consumer_group_id, offer_id)
        WHERE l.cycle_id = $1 AND (sl.units IS DISTINCT FROM l.units) = (u.offer_id IS NULL)`,
      [s.cycleId],
    );
    expect(missing).toBe(0);
    const loads = await t.dataSource.query(
      `SELECT sh.vehicle_id, sum(sl.gross_kg)::float8 AS kg, v.capacity_kg::float8 AS capacity
         FROM shipments sh JOIN shipment_lines sl ON sl.shipment_id = sh.id JOIN vehicles v ON v.id = sh.vehicle_id
        WHERE sh.cycle_id = $1 GROUP BY sh.vehicle_id, v.capacity_kg`,
      [s.cycleId],
    );
    expect(loads.length).toBeGreaterThan(0);
    for (const load of loads) expect(load.kg).toBeLessThanOrEqual(load.capacity);
    expect(loads.map((l: { vehicle_id: string }) => l.vehicle_id)).not.toContain(vehicles.plane);
    expect(Object.values(await invariantBreaches(t.dataSource, s.cycleId)).every((n) => n === 0)).toBe(true);
  });

  it('reports the forbidden aircraft and the emissions over the charter as violations', async () => {
    const cycle = (await api.as(admin).get('/cycles/{id}', { params: { id: s.cycleId } })).body;
    const mode = cycle.violations.find((v: { rule: string }) => v.rule === 'TRANSPORT_MODE');
    expect(mode).toMatchObject({ subjectType: 'vehicle', subject: vehicles.plane, severity: 'blocking' });
    expect(mode!.facts).toEqual({ mode: 'air', forbiddenModes: ['air'] });
    const emissions = cycle.violations.filter((v: { rule: string }) => v.rule === 'TRANSPORT_EMISSIONS');
    expect(emissions.length).toBe(shipments.total);
    expect(emissions.every((v: { severity: string }) => v.severity === 'warning')).toBe(true);
    for (const { facts, message } of emissions) {
      expect(facts).toEqual({ gramsPerKg: expect.any(Number), maxGramsPerKg: 50 });
      expect(facts.gramsPerKg).toBeGreaterThan(50);
      expect(message).toContain(`emits ${facts.gramsPerKg} g CO2e`);
    }
  });

  it('lists shipments with ordered stops, distances, tonne-km, CO2e and cost', async () => {
    expect(shipments.total).toBeGreaterThanOrEqual(2);
    for (const shipment of shipments.items) {
      expect(shipment.stops.map((stop: { order: number }) => stop.order)).toEqual(
        shipment.stops.map((_: unknown, i: number) => i + 1),
      );
      const legs = shipment.stops.reduce(
        (sum: number, stop: { distanceFromPreviousKm: number }) => sum + stop.distanceFromPreviousKm,
        0,
      );
      expect(shipment.distanceKm).toBeCloseTo(legs, 2);
      expect(shipment.distanceKm).toBeGreaterThan(2000); // Morocco to Brussels by road
      expect(shipment.tonneKm).toBeGreaterThan(0);
      expect(shipment.co2eKg).toBeCloseTo((shipment.tonneKm * 133) / 1000, 2); // road, well-to-wheel
      expect(shipment.manifest.number).toMatch(/^MAN-\d{6}-\d{4}$/);
    }
    const numbers = shipments.items.map(
      (shipment: { manifest: { number: string } }) => shipment.manifest.number,
    );
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('shows a transporter its own shipments and nobody else’s', async () => {
    const own = await userToken(api, admin, 'transporter', {
      transportOrganiserId: s.r.transportOrganiserIds[0],
    });
    const mine = await api.as(own).get('/cycles/{id}/shipments', { params: { id: s.cycleId } });
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(shipments.total);
    expect(mine.body.unplaced).toEqual([]);
    const stranger = await userToken(api, admin, 'transporter', {
      transportOrganiserId: await transportOrganiser(t.dataSource, 'producers'),
    });
    expect((await api.as(stranger).get('/cycles/{id}/shipments', { params: { id: s.cycleId } })).status).toBe(
      404,
    );
    expect(
      (await api.as(stranger).get('/shipments/{id}/manifest', { params: { id: shipments.items[0].id } }))
        .status,
    ).toBe(404);
    const coordinator = await userToken(api, admin, 'coordinator', { consumerGroupId: s.r.groupIds[0] });
    expect(
      (await api.as(coordinator).get('/shipments/{id}/manifest', { params: { id: shipments.items[0].id } }))
        .status,
    ).toBe(403);
  });

  it('issues a manifest per shipment whose lines and totals are the shipment’s part of the loading list', async () => {
    for (const shipment of shipments.items) {
      const manifest = (await api.as(admin).get('/shipments/{id}/manifest', { params: { id: shipment.id } }))
        .body;
      expect(manifest).toMatchObject({
        number: shipment.manifest.number,
        version: 1,
        locale: 'fr',
        cycleMonth: s.month,
      });
      expect(manifest.totals).toEqual(shipment.totals);
      const [expected] = await t.dataSource.query(
        `SELECT sum(units)::int AS units, sum(packages)::int AS packages, sum(gross_kg)::float8 AS "grossKg"
           FROM shipment_lines WHERE shipment_id = $1`,
        [shipment.id],
      );
      const sum = (key: 'units' | 'packages') => manifest.lines.reduce((acc, line) => acc + line[key], 0);
      expect({ units: sum('units'), packages: sum('packages') }).toEqual({
        units: expected.units,
        packages: expected.packages,
      });
      expect(manifest.totals.grossKg).toBeCloseTo(expected.grossKg, 3);
      const unloaded = manifest.stops.flatMap((stop: { unloading: { units: number }[] }) => stop.unloading);
      expect(unloaded.reduce((acc: number, line: { units: number }) => acc + line.units, 0)).toBe(
        expected.units,
      );
      expect(manifest.senders[0].certificateNumbers).toEqual(['MA-BIO-001']);
      expect(
        manifest.lines.every(
          (line: { hsCode: string; originCountry: string }) =>
            line.hsCode === '080510' && line.originCountry === 'MA',
        ),
      ).toBe(true);
    }
  });

  it('serves the manifest as CSV rows that add up to its totals, and as a PDF', async () => {
    const shipment = shipments.items[0];
    const manifest = (await api.as(admin).get('/shipments/{id}/manifest', { params: { id: shipment.id } }))
      .body;
    const csv = await api.as(admin).get('/shipments/{id}/manifest.csv', { params: { id: shipment.id } });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = parseCsv(csv.text);
    const unitsColumn = header.findIndex((label) => /unités|units/i.test(label));
    expect(unitsColumn).toBeGreaterThanOrEqual(0);
    expect(rows.reduce((sum, row) => sum + Number(row[unitsColumn]), 0)).toBe(manifest.totals.units);
    const pdf = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: apiUrl('/shipments/{id}/manifest.pdf', { id: shipment.id }),
        headers: { authorization: `Bearer ${admin}` },
      });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('sends each manifest to the organiser: a mail with the PDF and a signed webhook with the JSON', async () => {
    const mails = await until('the manifest mails', 20_000, async () => {
      const found = smtp.mails.filter((mail) => /Manifeste de transport/.test(mail.raw));
      return found.length >= shipments.total ? found : undefined;
    });
    const shipment = shipments.items[0];
    const mail = mails.find((m) => m.raw.includes(shipment.manifest.number))!;
    const attached = attachmentBytes(mail.raw, `${shipment.manifest.number}-v1.pdf`);
    expect(attached?.subarray(0, 5).toString()).toBe('%PDF-');
    const requests = await until('the manifest webhooks', 20_000, async () =>
      hooks.requests.length >= shipments.total ? hooks.requests : undefined,
    );
    for (const request of requests) {
      // As an organiser verifies it (docs/NOTIFICATIONS.md): the Standard Webhooks library.
      const receiver = new Webhook(standardWebhookSecret(SIGNING_SECRET));
      expect(() => receiver.verify(request.body, request.headers as Record<string, string>)).not.toThrow();
      expect(request.headers['x-proxima-event']).toBe('manifest.issued');
    }
    const numbers = requests.map((request) => JSON.parse(request.body.toString()).manifest.number).sort();
    expect(numbers).toEqual(
      shipments.items.map((item: { manifest: { number: string } }) => item.manifest.number).sort(),
    );
    const outbox = await api.as(admin).get('/notifications', { query: { cycleId: s.cycleId, limit: 100 } });
    const delivered = outbox.body.items.filter(
      (n: { recipientType: string }) => n.recipientType === 'transport_organiser',
    );
    expect(delivered).toHaveLength(shipments.total * 2);
  });

  it('re-issues a manifest as a new version under the same number and keeps the old one', async () => {
    const shipment = shipments.items[0];
    const reissued = await api
      .as(admin)
      .post('/shipments/{id}/manifest/reissue', { params: { id: shipment.id } });
    expect(reissued.status).toBe(201);
    expect(reissued.body).toMatchObject({ number: shipment.manifest.number, version: 2 });
    expect(
      (await api.as(admin).get('/shipments/{id}/manifest', { params: { id: shipment.id } })).body.version,
    ).toBe(2);
    expect(
      (
        await api
          .as(admin)
          .get('/shipments/{id}/manifest', { params: { id: shipment.id }, query: { version: 1 } })
      ).body.version,
    ).toBe(1);
    expect(
      (
        await api
          .as(admin)
          .get('/shipments/{id}/manifest', { params: { id: shipment.id }, query: { version: 9 } })
      ).status,
    ).toBe(404);
    await until('the second version by mail', 20_000, async () =>
      smtp.mails.some((mail) => attachmentBytes(mail.raw, `${shipment.manifest.number}-v2.pdf`))
        ? true
        : undefined,
    );
    const transporter = await userToken(api, admin, 'transporter', {
      transportOrganiserId: s.r.transportOrganiserIds[0],
    });
    expect(
      (await api.as(transporter).post('/shipments/{id}/manifest/reissue', { params: { id: shipment.id } }))
        .status,
    ).toBe(403);
  });

  it('lists the documents the route requires, records them through PUT /shipments/:id/documents and re-issues the manifest', async () => {
    const shipment = shipments.items[0];
    const before = (await api.as(admin).get('/shipments/{id}/manifest', { params: { id: shipment.id } }))
      .body;
    // Morocco to Belgium, organic citrus: proof of origin, a COI per line, a phytosanitary certificate.
    expect(new Set(before.documentWarnings.map((w: { code: string }) => w.code))).toEqual(
      new Set(['PROOF_OF_ORIGIN_MISSING', 'COI_MISSING', 'PHYTOSANITARY_MISSING']),
    );
    expect(before.emissions).toMatchObject({ scope: 'well-to-wheel', gramsCo2ePerTonneKm: 133, year: 2023 });
    const line = before.lines[0];
    const bad = await api.as(admin).put('/shipments/{id}/documents', {
      params: { id: shipment.id },
      body: {
        certificates: [
          {
            cooperativeId: line.cooperativeId,
            productId: line.productId,
            coiNumber: 'COI-123',
            controlBody: 'MA-BIO-154',
          },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('coiNumber');
    const both = await api.as(admin).put('/shipments/{id}/documents', {
      params: { id: shipment.id },
      body: {
        eur1Number: 'A 1234567',
        originDeclaration: 'The exporter…',
        exporterRexNumber: 'MAREX123',
      },
    });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body.message)).toContain('eur1Number');
    const notOnShipment = await api.as(admin).put('/shipments/{id}/documents', {
      params: { id: shipment.id },
      body: {
        certificates: [
          {
            cooperativeId: line.cooperativeId,
            productId: s.r.groupIds[0],
            coiNumber: 'COI.EU.MA.2026.0001234',
            controlBody: 'MA-BIO-154',
          },
        ],
      },
    });
    expect(notOnShipment.status).toBe(400);
    const stranger = await userToken(api, admin, 'transporter', {
      transportOrganiserId: await transportOrganiser(t.dataSource),
    });
    expect(
      (
        await api.as(stranger).put('/shipments/{id}/documents', {
          params: { id: shipment.id },
          body: { eur1Number: 'A 1234567' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await api.as(admin).get('/cycles/{id}/shipments', { params: { id: s.cycleId } })).body.items[0]
        .manifest.version,
    ).toBe(before.version);

    const transporter = await userToken(api, admin, 'transporter', {
      transportOrganiserId: s.r.transportOrganiserIds[0],
    });
    const certificates = before.lines.map((l: { cooperativeId: string; productId: string }, i: number) => ({
      cooperativeId: l.cooperativeId,
      productId: l.productId,
      coiNumber: `COI.EU.MA.2026.${String(1234 + i).padStart(7, '0')}`,
      controlBody: 'MA-BIO-154',
    }));
    const put = await api.as(transporter).put('/shipments/{id}/documents', {
      params: { id: shipment.id },
      body: {
        eur1Number: 'A 1234567',
        phytosanitaryCertificateNumber: 'MA/2026/000123',
        certificates,
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(before.version + 1);
    expect(put.body.documents).toEqual({
      proofOfOrigin: { kind: 'eur1', number: 'A 1234567' },
      phytosanitaryCertificateNumber: 'MA/2026/000123',
    });
    expect(put.body.documentWarnings).toEqual([]);
    expect(put.body.lines.map((l) => l.coiNumber)).toEqual(
      certificates.map((c: { coiNumber: string }) => c.coiNumber),
    );
    const pdf = async () =>
      (
        await t.app
          .getHttpAdapter()
          .getInstance()
          .inject({
            method: 'GET',
            url: apiUrl('/shipments/{id}/manifest.pdf', { id: shipment.id }),
            headers: { authorization: `Bearer ${admin}` },
          })
      ).rawPayload;
    const first = await pdf();
    const text = await pdfToText(first);
    expect(text).toContain('A 1234567');
    expect(text).toContain('COI.EU.MA.2026.0001234');
    // The version's PDF is the one rendered when it was issued, kept: the same bytes every time.
    expect((await pdf()).equals(first)).toBe(true);
    const [{ stored }] = await t.dataSource.query(
      `SELECT count(*)::int AS stored FROM manifest_pdfs mp JOIN manifests mf ON mf.id = mp.manifest_id WHERE mf.shipment_id = $1`,
      [shipment.id],
    );
    expect(stored).toBe(put.body.version);
  });

  it('prints Arabic, Tifinagh and accented Latin names in the manifest PDF as they were written', async () => {
    for (const shipment of shipments.items) {
      const manifest = (await api.as(admin).get('/shipments/{id}/manifest', { params: { id: shipment.id } }))
        .body;
      const text = squash(
        await pdfToText(await pdfOf(apiUrl('/shipments/{id}/manifest.pdf', { id: shipment.id }))),
      );
      const names = [
        ...manifest.senders.map((sender: { name: string }) => sender.name),
        ...manifest.stops.map((stop: { consignee: { name: string } }) => stop.consignee.name),
      ];
      expect(names.length).toBeGreaterThan(1);
      for (const name of names) expect(text).toContain(name);
    }
  });

  it('gives a CMR note per consignee that says what the manifest says', async () => {
    const shipment =
      shipments.items.find((item: { stops: unknown[] }) => item.stops.length > 1) ?? shipments.items[0];
    const manifest = (await api.as(admin).get('/shipments/{id}/manifest', { params: { id: shipment.id } }))
      .body;
    const pdf = await pdfOf(apiUrl('/shipments/{id}/cmr.pdf', { id: shipment.id }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (await pdfToText(pdf)).split('\f').filter((page) => page.trim() !== '');
    const french = (value: number) =>
      new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 }).format(value).replace(/\s/g, ' ');
    for (const stop of manifest.stops) {
      const number = `${manifest.number}-${stop.order}`;
      const note = pages.filter((page) => page.includes(`Lettre ${number}`)).join('\n');
      expect(note).not.toBe('');
      const lines = note.split('\n').map(squash);
      // Box 2: the consignee; box 1: the senders of its goods; box 4: where and when the goods were taken over.
      expect(note).toContain('2 Destinataire');
      expect(lines.some((line) => line.startsWith(squash(stop.consignee.name)))).toBe(true);
      expect(lines.some((line) => line.includes(manifest.loading.pickupPoint.name))).toBe(true);
      expect(note).toContain(`Manifeste de transport ${manifest.number} v${manifest.version}`);
      for (const [index, goods] of stop.unloading.entries()) {
        const row = lines.find((line) => line.startsWith(`${number}/${index + 1} `));
        expect(row).toBeDefined();
        const hsCode = manifest.lines.find(
          (line: { cooperativeId: string; productId: string }) =>
            line.cooperativeId === goods.cooperativeId && line.productId === goods.productId,
        )!.hsCode;
        const sender = manifest.senders.find(
          (s: { cooperativeId: string }) => s.cooperativeId === goods.cooperativeId,
        )!;
        expect(row).toContain(`${goods.packages} colis`);
        expect(row).toContain(goods.productName);
        expect(row).toContain(sender.name);
        expect(row).toContain(hsCode);
        expect(row!.endsWith(french(goods.grossKg))).toBe(true);
      }
      // Another consignee's goods are not on this note.
      for (const other of manifest.stops.filter((o: { order: number }) => o.order !== stop.order))
        expect(lines.some((line) => line.startsWith(`${manifest.number}-${other.order}/`))).toBe(false);
    }
    // Rendered once per manifest version and kept.
    expect((await pdfOf(apiUrl('/shipments/{id}/cmr.pdf', { id: shipment.id }))).equals(pdf)).toBe(true);
    const stranger = await userToken(api, admin, 'transporter', {
      transportOrganiserId: await transportOrganiser(t.dataSource),
    });
    expect(
      (await api.as(stranger).get('/shipments/{id}/cmr.pdf', { params: { id: shipment.id } })).status,
    ).toBe(404);
  });

  it('receives, then settles through the clock, with statements that add up to the minor unit', async () => {
    for (const [index, consumerGroupId] of s.r.groupIds.entries()) {
      const coordinator = await userToken(api, admin, 'coordinator', { consumerGroupId });
      const expected = (
        await api
          .as(coordinator)
          .get('/cycles/{id}/receipts/{consumerGroupId}', { params: { id: s.cycleId, consumerGroupId } })
      ).body;
      const lines = expected.lines.map((line: { offerId: string; allocated: number }, i: number) => ({
        offerId: line.offerId,
        // The first group is one unit short on its first offer.
        quantity: index === 0 && i === 0 ? line.allocated - 1 : line.allocated,
      }));
      const reply = await api.as(coordinator).put('/cycles/{id}/receipts/{consumerGroupId}', {
        params: { id: s.cycleId, consumerGroupId },
        body: { lines, version: 0 },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.cycleStatus).toBe(index === s.r.groupIds.length - 1 ? 'received' : 'dispatched');
    }
    await waitForStatus(api, admin, s.cycleId, 'settled');
    const statements = (await api.as(admin).get('/cycles/{id}/statements', { params: { id: s.cycleId } }))
      .body;
    const total = (rows: Record<string, unknown>[], key: string) =>
      rows.reduce((sum, row) => sum + (row[key] as number), 0);
    expect(total(statements.members, 'goodsMinor')).toBe(total(statements.cooperatives, 'dueMinor'));
    const [{ cost }] = await t.dataSource.query(
      'SELECT sum(cost_minor)::float8 AS cost FROM shipments WHERE cycle_id = $1',
      [s.cycleId],
    );
    expect(total(statements.members, 'transportMinor')).toBe(cost);
    // The baskets' CO2e, shared by gross weight like the cost, adds up to the shipments' CO2e.
    const [{ co2e }] = await t.dataSource.query(
      'SELECT sum(co2e_kg)::float8 AS co2e FROM shipments WHERE cycle_id = $1',
      [s.cycleId],
    );
    expect(total(statements.members, 'transportCo2eKg')).toBeCloseTo(co2e, 1);
    expect(statements.members.every((m: { transportCo2eKg: number }) => m.transportCo2eKg > 0)).toBe(true);
    for (const member of statements.members)
      expect(member.totalMinor).toBe(member.goodsMinor + member.transportMinor);
    const [{ received }] = await t.dataSource.query(
      `SELECT sum(mr.received * o.unit_price_minor)::float8 AS received
         FROM member_receipts mr JOIN offers o ON o.id = mr.offer_id WHERE mr.cycle_id = $1`,
      [s.cycleId],
    );
    expect(total(statements.members, 'goodsMinor')).toBe(received);
  });
});
