import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { pdfToText, squash } from '../../../test/support/pdftotext';
import {
  buildDistributionList,
  packing,
  type DistributionHead,
  type GroupOfferRow,
  type MemberReceiptRow,
} from './distribution-list';
import { distributionListToPdf } from './distribution-pdf';
import { formatPacking } from './labels';

const head = (locale: DistributionHead['locale'] = 'fr'): DistributionHead => ({
  cycleId: 'c1',
  seasonId: 's1',
  season: 'Saison 2026',
  month: '2026-03',
  locale,
  timeZone: 'Europe/Brussels',
  consumerGroup: {
    id: 'g1',
    name: 'GASAP de Jette',
    dropPoint: { name: 'Salle Excelsior', address: 'Rue Léopold 1er 329' },
  },
  receiptVersion: 1,
  reportedAt: '2026-03-04T17:30:00.000Z',
});

const offers: GroupOfferRow[] = [
  {
    offerId: 'o2',
    product: 'Dattes Mejhoul',
    unit: 'barquette 500 g',
    cooperative: 'Zitoun',
    packSize: 4,
    received: 9,
  },
  {
    offerId: 'o1',
    product: 'Huile d’argan',
    unit: 'bouteille 1 l',
    cooperative: 'Tighanimine',
    packSize: 6,
    received: 15,
  },
];

const rows: MemberReceiptRow[] = [
  { memberId: 'm2', memberName: 'Zoé Martin', active: true, offerId: 'o1', allocated: 8, received: 7 },
  { memberId: 'm1', memberName: 'فاطمة الزهراء', active: true, offerId: 'o1', allocated: 6, received: 6 },
  { memberId: 'm1', memberName: 'فاطمة الزهراء', active: true, offerId: 'o2', allocated: 5, received: 5 },
  { memberId: 'm3', memberName: 'Élise Dubois', active: false, offerId: 'o2', allocated: 3, received: 3 },
];

describe('buildDistributionList', () => {
  it('lists each member with what reception shared back, and the group totals per offer', () => {
    const list = buildDistributionList(head(), offers, rows);
    expect(list.members.map((m) => m.name)).toEqual(['Élise Dubois', 'Zoé Martin', 'فاطمة الزهراء']);
    expect(list.members[1].lines).toEqual([
      expect.objectContaining({ offerId: 'o1', allocated: 8, quantity: 7, packs: 1, looseUnits: 1 }),
    ]);
    expect(list.members[2].lines.map((l) => l.product)).toEqual(['Dattes Mejhoul', 'Huile d’argan']);
    expect(list.members[2].units).toBe(11);
    expect(list.members[0].active).toBe(false);
    expect(list.totals.lines).toEqual([
      expect.objectContaining({
        offerId: 'o2',
        allocated: 8,
        received: 9,
        quantity: 8,
        surplus: 1,
        packs: 2,
        looseUnits: 0,
      }),
      expect.objectContaining({
        offerId: 'o1',
        allocated: 14,
        received: 15,
        quantity: 13,
        surplus: 2,
        packs: 2,
        looseUnits: 1,
      }),
    ]);
    expect(list.totals).toMatchObject({ units: 21, members: 3 });
  });

  it('hands over, in total, what the members get and never more than arrived', () => {
    const row = fc.record({
      member: fc.integer({ min: 0, max: 5 }),
      offer: fc.integer({ min: 0, max: 2 }),
      allocated: fc.integer({ min: 0, max: 40 }),
      short: fc.integer({ min: 0, max: 40 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => `${r.member}|${r.offer}` }),
        fc.integer({ min: 1, max: 12 }),
        (picked, packSize) => {
          const memberRows = picked.map((r) => ({
            memberId: `m${r.member}`,
            memberName: `Member ${r.member}`,
            active: true,
            offerId: `o${r.offer}`,
            allocated: r.allocated,
            received: Math.max(0, r.allocated - r.short),
          }));
          const offerRows = [0, 1, 2].map((i) => ({
            offerId: `o${i}`,
            product: `P${i}`,
            unit: 'u',
            cooperative: 'C',
            packSize,
            received: memberRows.filter((r) => r.offerId === `o${i}`).reduce((s, r) => s + r.received, 0) + i,
          }));
          const list = buildDistributionList(head('en'), offerRows, memberRows);
          for (const total of list.totals.lines) {
            const handed = list.members.flatMap((m) => m.lines).filter((l) => l.offerId === total.offerId);
            expect(total.quantity).toBe(handed.reduce((s, l) => s + l.quantity, 0));
            expect(total.quantity + total.surplus).toBe(total.received);
            expect(total.packs * packSize + total.looseUnits).toBe(total.quantity);
          }
          for (const line of list.members.flatMap((m) => m.lines)) {
            expect(line.quantity).toBeLessThanOrEqual(line.allocated);
            expect(line.packs * line.packSize + line.looseUnits).toBe(line.quantity);
          }
          expect(list.totals.units).toBe(memberRows.reduce((s, r) => s + r.received, 0));
        },
      ),
      fcParameters(),
    );
  });
});

describe('packing', () => {
  it('counts whole packs and the units beyond them', () => {
    expect(packing(13, 6)).toEqual({ packs: 2, looseUnits: 1 });
    expect(packing(5, 6)).toEqual({ packs: 0, looseUnits: 5 });
    expect(formatPacking({ ...packing(13, 6), packSize: 6 }, 'fr')).toBe('2 × 6 + 1');
    expect(formatPacking({ ...packing(12, 6), packSize: 6 }, 'fr')).toBe('2 × 6');
    expect(formatPacking({ ...packing(5, 6), packSize: 6 }, 'fr')).toBe('5');
    expect(formatPacking({ ...packing(3, 1), packSize: 1 }, 'fr')).toBe('3');
    expect(formatPacking({ ...packing(0, 6), packSize: 6 }, 'fr')).toBe('0');
  });
});

describe('distributionListToPdf', () => {
  it.each([
    ['fr', 'Liste de distribution', 'À remettre'],
    ['en', 'Distribution list', 'To hand over'],
    ['nl', 'Verdeellijst', 'Af te geven'],
    ['ar', 'قائمة التوزيع', 'للتسليم'],
  ] as const)('prints the list in %s, names in any script', async (locale, title, column) => {
    const text = squash(
      await pdfToText(await distributionListToPdf(buildDistributionList(head(locale), offers, rows))),
    );
    expect(text).toContain(title);
    expect(text).toContain(column);
    expect(text).toContain('فاطمة الزهراء');
    expect(text).toContain('Zoé Martin');
    expect(text).toContain('GASAP de Jette');
    expect(text).toContain('Huile d’argan');
  });
});
