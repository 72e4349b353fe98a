import type { CharterCheckInput, CharterCooperative, CharterOffer } from './charter-rules.types';

export const cooperative = (overrides: Partial<CharterCooperative> = {}): CharterCooperative => ({
  cooperativeId: 'coop-atlas',
  localSalesShare: 0.6,
  certificates: [{ kind: 'organic', validFrom: '2025-01-01', validTo: '2025-12-31' }],
  ...overrides,
});

export const offer = (overrides: Partial<CharterOffer> = {}): CharterOffer => ({
  offerId: 'offer-oil',
  cooperativeId: 'coop-atlas',
  productId: 'olive-oil',
  unitPriceMinor: 1200,
  monthlyCapacity: 1000,
  demand: 400,
  ...overrides,
});

export const checkInput = (overrides: Partial<CharterCheckInput> = {}): CharterCheckInput => ({
  rules: {},
  loadingDate: '2025-06-01',
  offers: [offer()],
  cooperatives: [cooperative()],
  groupCommitments: [],
  ...overrides,
});
