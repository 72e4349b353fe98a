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

export interface Violation {
  rule: CharterRuleName;
  severity: Severity;
  subjectType: 'offer' | 'cooperative' | 'group_offer';
  /** offerId, cooperativeId, or `${consumerGroupId}:${offerId}`. */
  subjectId: string;
  /** A sentence a coordinator understands, with the numbers. */
  message: string;
  /** What an unwaived violation does to the cycle. */
  effect: 'exclude' | 'cap' | 'none';
  /** With effect 'cap': the most units the offer may supply. */
  capUnits?: number;
}

/** One rule of the charter: the violations it finds, in any order. */
export type CharterRule = (input: CharterCheckInput) => Violation[];
