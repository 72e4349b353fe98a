import type { TransportMode } from '../../logistics/domain/transport-modes';

/** The charter's rules; a rule whose parameter is absent never fires. Shares are 0..1. */
export interface CharterRules {
  organicRequired?: boolean;
  minLocalSalesShare?: number;
  maxExportShare?: number;
  maxMonthlyVariation?: number;
  excludedProductIds?: string[];
  priceFloors?: { productId: string; minUnitPriceMinor: number }[];
  forbiddenTransportModes?: TransportMode[];
  maxEmissionsGramsPerKg?: number;
}

export interface CharterCertificate {
  kind: 'organic' | 'pgs';
  /** YYYY-MM-DD (a longer ISO timestamp is read by its date), inclusive. */
  validFrom: string;
  /** YYYY-MM-DD, inclusive; null when open-ended. */
  validTo: string | null;
}

export interface CharterCooperative {
  cooperativeId: string;
  /** Used in messages when given. */
  name?: string;
  localSalesShare: number;
  certificates: CharterCertificate[];
}

export interface CharterOffer {
  offerId: string;
  cooperativeId: string;
  productId: string;
  /** Used in messages when given. */
  productName?: string;
  unitPriceMinor: number;
  monthlyCapacity: number;
  /** Σ of the collective commitments on the offer this month. */
  demand: number;
}

export interface CharterCommitment {
  offerId: string;
  consumerGroupId: string;
  /** Used in messages when given. */
  consumerGroupName?: string;
  quantity: number;
  /** The group's commitment on the offer in the season's first month; null when it had none. */
  firstMonthQuantity: number | null;
}

/** What the charter is checked against at lock. */
export interface CharterCheckInput {
  rules: CharterRules;
  /** YYYY-MM-DD. */
  loadingDate: string;
  /** The season's currency (ISO 4217), the one offer prices and floors are in; given in the facts. */
  currency?: string;
  offers: readonly CharterOffer[];
  cooperatives: readonly CharterCooperative[];
  groupCommitments: readonly CharterCommitment[];
}

export type CharterRuleName =
  | 'ORGANIC_CERTIFICATE'
  | 'EXCLUDED_PRODUCT'
  | 'LOCAL_SALES_SHARE'
  | 'FAIR_PRICE'
  | 'EXPORT_SHARE'
  | 'COMMITMENT_STABILITY';

export type Severity = 'blocking' | 'warning';

/**
 * An offer as a violation's sentence names it: by its product and its cooperative, each by
 * name, null when the input did not give it (the ids are there to fall back on).
 */
export interface OfferFacts {
  offerId: string;
  product: string | null;
  cooperativeId: string;
  cooperative: string | null;
}

/**
 * The plain values a violation's message is built from, per rule, so that a client can say the
 * same sentence in its reader's language (numbers, shares and money through its own formatting).
 * Shares are 0..1 (exact to the ten-thousandth); quantities are units; prices are minor units.
 */
export interface CharterViolationFacts {
  /** `certificates`: how many organic or PGS certificates the cooperative has on file, none valid that day. */
  ORGANIC_CERTIFICATE: OfferFacts & { loadingDate: string; certificates: number };
  EXCLUDED_PRODUCT: OfferFacts & { productId: string };
  /** `share`: the cooperative's local sales share; `minShare`: the charter's; `offers`: how many are excluded. */
  LOCAL_SALES_SHARE: {
    cooperativeId: string;
    cooperative: string | null;
    share: number;
    minShare: number;
    offers: number;
  };
  /** `currency`: the season's, null when the input did not say it. */
  FAIR_PRICE: OfferFacts & { priceMinor: number; floorMinor: number; currency: string | null };
  /** `share`: the charter's export share of `capacity` (the monthly capacity); `capUnits`: the cap. */
  EXPORT_SHARE: OfferFacts & { demand: number; share: number; capacity: number; capUnits: number };
  /**
   * `firstMonth` → `quantity` units; `variation`: (quantity − firstMonth) / firstMonth, rounded away
   * from zero to the ten-thousandth so it never reads as the maximum; `maxVariation`: the charter's.
   */
  COMMITMENT_STABILITY: Pick<OfferFacts, 'offerId' | 'product' | 'cooperative'> & {
    consumerGroupId: string;
    group: string | null;
    firstMonth: number;
    quantity: number;
    variation: number;
    maxVariation: number;
  };
}

/** A violation without its facts: what the later stages read back (effective exclusions). */
export interface ViolationCore {
  rule: CharterRuleName;
  severity: Severity;
  subjectType: 'offer' | 'cooperative' | 'group_offer';
  /** offerId, cooperativeId, or `${consumerGroupId}:${offerId}`. */
  subjectId: string;
  /** A sentence a coordinator understands, with the numbers (English). */
  message: string;
  /** What an unwaived violation does to the cycle. */
  effect: 'exclude' | 'cap' | 'none';
  /** With effect 'cap': the most units the offer may supply. */
  capUnits?: number;
}

/** A violation, its facts typed by its rule. */
export type Violation = {
  [R in CharterRuleName]: ViolationCore & { rule: R; facts: CharterViolationFacts[R] };
}[CharterRuleName];

/** One rule of the charter: the violations it finds, in any order. */
export type CharterRule = (input: CharterCheckInput) => Violation[];
