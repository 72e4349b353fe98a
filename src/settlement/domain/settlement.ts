/**
 * Statements (settle, cycle step 7): what each member owes and what each cooperative is due.
 *
 * - A member's goods = Σ received units × unit price, exact (BigInt inside).
 * - Each shipment's cost is shared among the members whose goods travelled on it, pro rata to the
 *   gross weight of those goods (units × unit gross kg, in integer grams), in whole minor units by
 *   largest remainder (src/common/math/largest-remainder.ts: ties to the larger weight, then the
 *   smaller memberId), so the shares add up exactly to the cost. The weight counts the units
 *   shipped (`shippedUnits`, what was loaded for the member) when given, else the units received:
 *   goods lost on the way still travelled.
 *   A shipment with a cost but no weight on it (nothing of any member's) cannot be shared: it is
 *   listed in `unassignedTransport`, never silently dropped.
 * - A cooperative's due = Σ goods of its offers, in the season currency; and in the producer
 *   currency at the season's rate, converted once per cooperative (not line by line), exactly,
 *   rounded half up (see currency.ts for minor digits and rounding).
 * Every list is sorted by id, so the result does not depend on the order of the input.
 */
import { compareCodeUnits } from '../../common/math/exact-arithmetic';
import { splitByLargestRemainder } from '../../common/math/largest-remainder';
import { gramsFor } from '../../cycles/domain/package-count';
import { convertMinor, minorDigits, parseExchangeRate } from './currency';

export interface SettlementLine {
  memberId: string;
  offerId: string;
  cooperativeId: string;
  receivedUnits: number;
  unitPriceMinor: number;
  unitGrossKg: number;
  /** The shipment that carried the line; null when it travelled on none. */
  shipmentId: string | null;
  /** Units loaded for the member, for the transport share; defaults to receivedUnits. */
  shippedUnits?: number;
}

export interface SettlementShipment {
  shipmentId: string;
  costMinor: number;
}

export interface SettlementInput {
  /** Season currency (ISO 4217). */
  currency: string;
  producerCurrency: string;
  /** Season currency → producer currency; a decimal string (preferred) or number, ≤ 10 decimals. */
  exchangeRate: string | number;
  lines: readonly SettlementLine[];
  shipments: readonly SettlementShipment[];
}

export interface MemberStatement {
  memberId: string;
  goodsMinor: number;
  transportMinor: number;
  totalMinor: number;
}

export interface CooperativeStatement {
  cooperativeId: string;
  dueMinor: number;
  currency: string;
  dueProducerMinor: number;
  producerCurrency: string;
}

export interface SettlementTotals {
  goodsMinor: number;
  transportMinor: number;
  /** goodsMinor + transportMinor = Σ members' totalMinor. */
  totalMinor: number;
  shipmentsCostMinor: number;
  /** shipmentsCostMinor − transportMinor: cost of shipments that carried no member's goods. */
  unassignedTransportMinor: number;
  /** = goodsMinor. */
  dueMinor: number;
  /** Σ cooperatives' dueProducerMinor (each rounded on its own). */
  dueProducerMinor: number;
}

export interface Settlement {
  members: MemberStatement[];
  cooperatives: CooperativeStatement[];
  unassignedTransport: SettlementShipment[];
  totals: SettlementTotals;
}

export function settle(input: SettlementInput): Settlement {
  const fromDigits = minorDigits(input.currency);
  const toDigits = minorDigits(input.producerCurrency);
  const rate = parseExchangeRate(input.exchangeRate);

  const costs = new Map<string, number>();
  for (const shipment of input.shipments) {
    if (costs.has(shipment.shipmentId))
      throw new RangeError(`shipment "${shipment.shipmentId}" appears twice`);
    assertCount(shipment.costMinor, `cost of shipment "${shipment.shipmentId}"`);
    costs.set(shipment.shipmentId, shipment.costMinor);
  }

  const goods = new Map<string, bigint>();
  const due = new Map<string, bigint>();
  const cooperativeOfOffer = new Map<string, string>();
  /** shipmentId → memberId → grams. */
  const weights = new Map<string, Map<string, number>>();
  for (const line of input.lines) {
    const what = `line of member "${line.memberId}" on offer "${line.offerId}"`;
    assertCount(line.receivedUnits, `received units of the ${what}`);
    assertCount(line.unitPriceMinor, `unit price of the ${what}`);
    const known = cooperativeOfOffer.get(line.offerId);
    if (known !== undefined && known !== line.cooperativeId) {
      throw new RangeError(
        `offer "${line.offerId}" belongs to two cooperatives ("${known}", "${line.cooperativeId}")`,
      );
    }
    cooperativeOfOffer.set(line.offerId, line.cooperativeId);

    const lineGoods = BigInt(line.receivedUnits) * BigInt(line.unitPriceMinor);
    goods.set(line.memberId, (goods.get(line.memberId) ?? 0n) + lineGoods);
    due.set(line.cooperativeId, (due.get(line.cooperativeId) ?? 0n) + lineGoods);

    if (line.shipmentId === null) continue;
    if (!costs.has(line.shipmentId))
      throw new RangeError(`the ${what} names unknown shipment "${line.shipmentId}"`);
    const grams = gramsFor(line.shippedUnits ?? line.receivedUnits, line.unitGrossKg);
    let onShipment = weights.get(line.shipmentId);
    if (!onShipment) weights.set(line.shipmentId, (onShipment = new Map()));
    const memberGrams = (onShipment.get(line.memberId) ?? 0) + grams;
    assertCount(memberGrams, `weight of member "${line.memberId}" on shipment "${line.shipmentId}" in grams`);
    onShipment.set(line.memberId, memberGrams);
  }

  const transport = new Map<string, number>();
  const unassignedTransport: SettlementShipment[] = [];
  for (const [shipmentId, costMinor] of costs) {
    const onShipment = weights.get(shipmentId) ?? new Map<string, number>();
    const claims = [...onShipment].map(([memberId, grams]) => ({
      key: memberId,
      weight: grams,
      cap: costMinor,
    }));
    const shares = splitByLargestRemainder(costMinor, claims);
    let shared = 0;
    for (const [memberId, share] of shares) {
      transport.set(memberId, (transport.get(memberId) ?? 0) + share);
      shared += share;
    }
    if (shared < costMinor) unassignedTransport.push({ shipmentId, costMinor: costMinor - shared });
  }

  const members = [...goods.keys()].sort(compareCodeUnits).map((memberId) => {
    const goodsMinor = toSafeNumber(goods.get(memberId)!, `goods of member "${memberId}"`);
    const transportMinor = transport.get(memberId) ?? 0;
    return {
      memberId,
      goodsMinor,
      transportMinor,
      totalMinor: toSafeNumber(BigInt(goodsMinor) + BigInt(transportMinor), `total of member "${memberId}"`),
    };
  });
  const cooperatives = [...due.keys()].sort(compareCodeUnits).map((cooperativeId) => {
    const dueMinor = due.get(cooperativeId)!;
    return {
      cooperativeId,
      dueMinor: toSafeNumber(dueMinor, `due of cooperative "${cooperativeId}"`),
      currency: input.currency,
      dueProducerMinor: toSafeNumber(
        convertMinor(dueMinor, rate, fromDigits, toDigits),
        `due of cooperative "${cooperativeId}" in ${input.producerCurrency}`,
      ),
      producerCurrency: input.producerCurrency,
    };
  });
  unassignedTransport.sort((x, y) => compareCodeUnits(x.shipmentId, y.shipmentId));

  const sum = (values: number[]) => values.reduce((total, value) => total + BigInt(value), 0n);
  const goodsMinor = sum(members.map((m) => m.goodsMinor));
  const transportMinor = sum(members.map((m) => m.transportMinor));
  const shipmentsCostMinor = sum([...costs.values()]);
  return {
    members,
    cooperatives,
    unassignedTransport,
    totals: {
      goodsMinor: toSafeNumber(goodsMinor, 'total goods'),
      transportMinor: toSafeNumber(transportMinor, 'total transport'),
      totalMinor: toSafeNumber(goodsMinor + transportMinor, 'total'),
      shipmentsCostMinor: toSafeNumber(shipmentsCostMinor, 'total shipment cost'),
      unassignedTransportMinor: toSafeNumber(shipmentsCostMinor - transportMinor, 'unassigned transport'),
      dueMinor: toSafeNumber(goodsMinor, 'total due'),
      dueProducerMinor: toSafeNumber(
        sum(cooperatives.map((c) => c.dueProducerMinor)),
        'total due (producer)',
      ),
    },
  };
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  }
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${what} is too large to count exactly: ${value}`);
  return Number(value);
}
