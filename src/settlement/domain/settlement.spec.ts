import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { convertMinor, minorDigits, parseExchangeRate } from './currency';
import { type SettlementInput, type SettlementLine, settle } from './settlement';

function line(overrides: Partial<SettlementLine> & Pick<SettlementLine, 'memberId'>): SettlementLine {
  return {
    offerId: 'o1',
    cooperativeId: 'c1',
    receivedUnits: 1,
    unitPriceMinor: 100,
    unitGrossKg: 1,
    shipmentId: 's1',
    ...overrides,
  };
}

describe('settle', () => {
  it('shares a shipment by gross weight, to the cent, ties to the heavier member', () => {
    const result = settle({
      currency: 'EUR',
      producerCurrency: 'MAD',
      exchangeRate: '10.8532',
      lines: [
        line({ memberId: 'A', receivedUnits: 3, unitGrossKg: 1.5, unitPriceMinor: 450 }),
        line({
          memberId: 'B',
          receivedUnits: 2,
          unitGrossKg: 0.75,
          unitPriceMinor: 320,
          offerId: 'o2',
          cooperativeId: 'c2',
        }),
        line({ memberId: 'C', receivedUnits: 1, unitGrossKg: 1, unitPriceMinor: 450 }),
      ],
      shipments: [{ shipmentId: 's1', costMinor: 10_000 }],
    });
    // 4500 g, 1500 g, 1000 g of 7000 g: quotas 6428.57, 2142.86, 1428.57; two leftover cents go to
    // B (largest remainder), then A (same remainder as C, heavier).
    expect(result.members).toEqual([
      { memberId: 'A', goodsMinor: 1350, transportMinor: 6429, totalMinor: 7779 },
      { memberId: 'B', goodsMinor: 640, transportMinor: 2143, totalMinor: 2783 },
      { memberId: 'C', goodsMinor: 450, transportMinor: 1428, totalMinor: 1878 },
    ]);
    // c1: 18.00 EUR × 10.8532 = 195.3576 MAD → 195.36; c2: 6.40 EUR → 69.46048 MAD → 69.46.
    expect(result.cooperatives).toEqual([
      {
        cooperativeId: 'c1',
        dueMinor: 1800,
        currency: 'EUR',
        dueProducerMinor: 19_536,
        producerCurrency: 'MAD',
      },
      {
        cooperativeId: 'c2',
        dueMinor: 640,
        currency: 'EUR',
        dueProducerMinor: 6946,
        producerCurrency: 'MAD',
      },
    ]);
    expect(result.totals).toEqual({
      goodsMinor: 2440,
      transportMinor: 10_000,
      totalMinor: 12_440,
      shipmentsCostMinor: 10_000,
      unassignedTransportMinor: 0,
      dueMinor: 2440,
      dueProducerMinor: 26_482,
    });
  });

  it('weighs transport by shipped units when given, so goods lost on the way still pay', () => {
    const result = settle({
      currency: 'EUR',
      producerCurrency: 'EUR',
      exchangeRate: 1,
      lines: [
        line({ memberId: 'A', receivedUnits: 0, shippedUnits: 1 }),
        line({ memberId: 'B', receivedUnits: 1, shippedUnits: 1 }),
      ],
      shipments: [{ shipmentId: 's1', costMinor: 101 }],
    });
    expect(result.members.map((m) => [m.memberId, m.goodsMinor, m.transportMinor])).toEqual([
      ['A', 0, 51],
      ['B', 100, 50],
    ]);
  });

  it('lists the cost of a shipment that carried nothing instead of dropping it', () => {
    const result = settle({
      currency: 'EUR',
      producerCurrency: 'EUR',
      exchangeRate: '1',
      lines: [line({ memberId: 'A', shipmentId: null })],
      shipments: [{ shipmentId: 'empty', costMinor: 500 }],
    });
    expect(result.members).toEqual([{ memberId: 'A', goodsMinor: 100, transportMinor: 0, totalMinor: 100 }]);
    expect(result.unassignedTransport).toEqual([{ shipmentId: 'empty', costMinor: 500 }]);
    expect(result.totals.unassignedTransportMinor).toBe(500);
  });

  it('converts into currencies with 0 and 3 minor digits', () => {
    const lines = [line({ memberId: 'A', receivedUnits: 10, unitPriceMinor: 100, shipmentId: null })];
    // 10.00 EUR × 161.235 = 1612.35 JPY → 1612 yen.
    expect(
      settle({ currency: 'EUR', producerCurrency: 'JPY', exchangeRate: '161.235', lines, shipments: [] })
        .cooperatives[0].dueProducerMinor,
    ).toBe(1612);
    // 10.00 EUR × 3.3857 = 33.857 TND → 33857 millimes.
    expect(
      settle({ currency: 'EUR', producerCurrency: 'TND', exchangeRate: 3.3857, lines, shipments: [] })
        .cooperatives[0].dueProducerMinor,
    ).toBe(33_857);
  });

  it('rejects what it cannot settle exactly', () => {
    const base: SettlementInput = {
      currency: 'EUR',
      producerCurrency: 'MAD',
      exchangeRate: '10',
      lines: [],
      shipments: [],
    };
    expect(() => settle({ ...base, exchangeRate: '0' })).toThrow(RangeError);
    expect(() => settle({ ...base, exchangeRate: '1.12345678901' })).toThrow(RangeError);
    expect(() => settle({ ...base, currency: 'euro' })).toThrow(RangeError);
    expect(() => settle({ ...base, lines: [line({ memberId: 'A', shipmentId: 'nowhere' })] })).toThrow(
      RangeError,
    );
    expect(() =>
      settle({ ...base, lines: [line({ memberId: 'A', receivedUnits: 1.5, shipmentId: null })] }),
    ).toThrow(RangeError);
    expect(() =>
      settle({
        ...base,
        lines: [
          line({ memberId: 'A', shipmentId: null }),
          line({ memberId: 'B', cooperativeId: 'c2', shipmentId: null }),
        ],
      }),
    ).toThrow(/two cooperatives/);
  });
});

describe('currency', () => {
  it('knows minor digits from ISO 4217, 2 by default', () => {
    expect([
      minorDigits('EUR'),
      minorDigits('MAD'),
      minorDigits('JPY'),
      minorDigits('TND'),
      minorDigits('XOF'),
      minorDigits('ZZZ'),
    ]).toEqual([2, 2, 0, 3, 0, 2]);
  });

  it('parses rates exactly and rounds half up', () => {
    expect(parseExchangeRate('10.8532')).toEqual({ digits: 108_532n, scale: 4 });
    expect(parseExchangeRate(1e-7)).toEqual({ digits: 1n, scale: 7 });
    expect(parseExchangeRate(' 0.0000000001 ')).toEqual({ digits: 1n, scale: 10 });
    expect(() => parseExchangeRate(1e-11)).toThrow(RangeError);
    expect(() => parseExchangeRate('-1')).toThrow(RangeError);
    expect(convertMinor(1n, parseExchangeRate('0.5'), 2, 2)).toBe(1n);
    expect(convertMinor(1n, parseExchangeRate('0.4999999999'), 2, 2)).toBe(0n);
    expect(convertMinor(12_345n, parseExchangeRate('10.8532'), 2, 2)).toBe(133_983n);
  });
});

describe('settle properties', () => {
  const id = (prefix: string, n: number) => fc.integer({ min: 1, max: n }).map((i) => `${prefix}${i}`);
  const inputArb: fc.Arbitrary<SettlementInput> = fc
    .record({
      shipments: fc.uniqueArray(
        fc.record({ shipmentId: id('s', 4), costMinor: fc.integer({ min: 0, max: 5_000_000 }) }),
        { selector: (s) => s.shipmentId, maxLength: 4 },
      ),
      lines: fc.array(
        fc.record({
          memberId: id('m', 6),
          offer: fc.integer({ min: 1, max: 5 }),
          receivedUnits: fc.integer({ min: 0, max: 1000 }),
          unitPriceMinor: fc.integer({ min: 0, max: 100_000 }),
          unitGrossKg: fc.integer({ min: 0, max: 30_000 }).map((g) => g / 1000),
          shipment: fc.integer({ min: 0, max: 4 }),
        }),
        { maxLength: 25 },
      ),
      exchangeRate: fc.oneof(
        fc.constantFrom('10.8532', '1', '0.0923', '161.235'),
        fc
          .tuple(
            fc.nat(1000),
            fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 10 }),
          )
          .map(([whole, decimals]) => `${whole}.${decimals}`),
      ),
      producerCurrency: fc.constantFrom('MAD', 'JPY', 'TND', 'EUR'),
    })
    .map(({ shipments, lines, exchangeRate, producerCurrency }) => ({
      currency: 'EUR',
      producerCurrency,
      exchangeRate,
      shipments,
      lines: lines.map((l) => ({
        memberId: l.memberId,
        offerId: `o${l.offer}`,
        cooperativeId: `c${l.offer % 3}`,
        receivedUnits: l.receivedUnits,
        unitPriceMinor: l.unitPriceMinor,
        unitGrossKg: l.unitGrossKg,
        shipmentId:
          shipments.length === 0 || l.shipment === 0
            ? null
            : shipments[l.shipment % shipments.length].shipmentId,
      })),
    }))
    .filter((input) => parseableRate(input.exchangeRate));

  function parseableRate(rate: string | number): boolean {
    try {
      parseExchangeRate(rate);
      return true;
    } catch {
      return false;
    }
  }

  it('adds up to the minor unit: transport = shipment costs, goods = dues, totals = sums', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = settle(input);
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        const costs = sum(input.shipments.map((s) => s.costMinor));
        const unassigned = sum(result.unassignedTransport.map((s) => s.costMinor));
        expect(sum(result.members.map((m) => m.transportMinor)) + unassigned).toBe(costs);
        expect(sum(result.members.map((m) => m.goodsMinor))).toBe(
          sum(result.cooperatives.map((c) => c.dueMinor)),
        );
        expect(sum(result.members.map((m) => m.goodsMinor))).toBe(
          sum(input.lines.map((l) => l.receivedUnits * l.unitPriceMinor)),
        );
        for (const m of result.members) {
          expect(m.totalMinor).toBe(m.goodsMinor + m.transportMinor);
          expect(m.goodsMinor).toBeGreaterThanOrEqual(0);
          expect(m.transportMinor).toBeGreaterThanOrEqual(0);
        }
        expect(result.totals.totalMinor).toBe(sum(result.members.map((m) => m.totalMinor)));
        expect(result.totals.transportMinor + result.totals.unassignedTransportMinor).toBe(costs);
        expect(result.totals.dueProducerMinor).toBe(sum(result.cooperatives.map((c) => c.dueProducerMinor)));
        // Only a shipment with no weight on it goes unassigned, and then wholly.
        for (const u of result.unassignedTransport) {
          const grams = input.lines
            .filter((l) => l.shipmentId === u.shipmentId)
            .reduce((s, l) => s + l.receivedUnits * Math.round(l.unitGrossKg * 1000), 0);
          expect(grams).toBe(0);
          expect(u.costMinor).toBe(input.shipments.find((s) => s.shipmentId === u.shipmentId)!.costMinor);
        }
      }),
      fcParameters(),
    );
  });

  it('shares each shipment within one minor unit of its exact pro-rata quota', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        fc.pre(input.shipments.length === 1);
        const [shipment] = input.shipments;
        const grams = new Map<string, number>();
        for (const l of input.lines.filter((l) => l.shipmentId === shipment.shipmentId)) {
          grams.set(
            l.memberId,
            (grams.get(l.memberId) ?? 0) + l.receivedUnits * Math.round(l.unitGrossKg * 1000),
          );
        }
        const total = [...grams.values()].reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        for (const m of settle(input).members) {
          const quota = (shipment.costMinor * (grams.get(m.memberId) ?? 0)) / total;
          expect(Math.abs(m.transportMinor - quota)).toBeLessThan(1 + 1e-6);
        }
      }),
      fcParameters(),
    );
  });

  it('converts each due within half a minor unit of the exact product', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = settle(input);
        const rate = parseExchangeRate(input.exchangeRate);
        const to = minorDigits(input.producerCurrency);
        for (const c of result.cooperatives) {
          // exact = due × rate × 10^to / 10^(scale + 2); |converted − exact| ≤ 1/2.
          const exactTimesDen = BigInt(c.dueMinor) * rate.digits * 10n ** BigInt(to);
          const den = 10n ** BigInt(rate.scale + 2);
          const diff = BigInt(c.dueProducerMinor) * den - exactTimesDen;
          expect(2n * (diff < 0n ? -diff : diff) <= den).toBe(true);
        }
      }),
      fcParameters(),
    );
  });

  it('gives the same statements whatever the order of lines and shipments', () => {
    const permuted = inputArb.chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc.shuffledSubarray([...input.lines], { minLength: input.lines.length }),
        fc.shuffledSubarray([...input.shipments], { minLength: input.shipments.length }),
      ),
    );
    fc.assert(
      fc.property(permuted, ([input, lines, shipments]) => {
        expect(settle({ ...input, lines, shipments })).toEqual(settle(input));
      }),
      fcParameters(),
    );
  });
});
