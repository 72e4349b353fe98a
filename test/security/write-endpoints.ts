import { unique } from '../support/test-app';
import type { World } from './world';

export type Body = Record<string, unknown>;

export interface WriteEndpoint {
  name: string;
  method: 'POST' | 'PUT';
  path: (w: World) => string;
  /** a valid-looking body for the world (fresh unique values on every call) */
  body: (w: World) => Body;
}

/**
 * Every write endpoint of the API with a valid body for the security world (test/security/world.ts);
 * `login` is the user POST /auth/login logs in as.
 */
export const writeEndpoints = (login: { email: string; password: string }): WriteEndpoint[] => [
  {
    name: 'POST /auth/login',
    method: 'POST',
    path: () => '/auth/login',
    body: () => ({ email: login.email, password: login.password }),
  },
  {
    name: 'POST /users',
    method: 'POST',
    path: () => '/users',
    body: (w) => ({
      email: `${unique('fuzz-user')}@test.example`,
      password: login.password,
      role: 'coordinator',
      consumerGroupId: w.groupId,
    }),
  },
  {
    name: 'POST /territories',
    method: 'POST',
    path: () => '/territories',
    body: () => ({
      name: unique('Territory'),
      countryCode: 'BE',
      timezone: 'Europe/Brussels',
      currency: 'EUR',
    }),
  },
  {
    name: 'POST /partnerships',
    method: 'POST',
    path: () => '/partnerships',
    body: (w) => ({
      name: unique('Partnership'),
      territoryIds: [w.r.producerTerritoryId, w.r.consumerTerritoryId],
      charter: {
        rules: {
          organicRequired: true,
          maxExportShare: 0.5,
          priceFloors: [{ productId: w.r.productIds[0], minUnitPriceMinor: 100 }],
        },
      },
    }),
  },
  {
    name: 'PUT /partnerships/:id/charter',
    method: 'PUT',
    path: (w) => `/partnerships/${w.r.partnershipId}/charter`,
    body: (w) => ({
      rules: {
        organicRequired: true,
        minLocalSalesShare: 0.2,
        maxExportShare: 0.5,
        maxMonthlyVariation: 0.3,
        excludedProductIds: [w.r.productIds[1]],
        priceFloors: [{ productId: w.r.productIds[0], minUnitPriceMinor: 100 }],
        forbiddenTransportModes: ['air'],
        maxEmissionsGramsPerKg: 500,
      },
    }),
  },
  {
    name: 'POST /consumer-groups',
    method: 'POST',
    path: () => '/consumer-groups',
    body: (w) => ({
      territoryId: w.r.consumerTerritoryId,
      name: unique('GASAP'),
      kind: 'GASAP',
      dropPoint: {
        name: 'Salle',
        address: 'Rue Léopold Ier 329, 1090 Jette',
        latitude: 50.878,
        longitude: 4.327,
      },
      contactEmail: `${unique('group')}@test.example`,
    }),
  },
  {
    name: 'POST /consumer-groups/:id/members',
    method: 'POST',
    path: (w) => `/consumer-groups/${w.groupId}/members`,
    body: () => ({ name: unique('Member'), email: `${unique('member')}@test.example` }),
  },
  {
    name: 'POST /cooperatives',
    method: 'POST',
    path: () => '/cooperatives',
    body: (w) => ({
      territoryId: w.r.producerTerritoryId,
      name: unique('Coop'),
      contactEmail: `${unique('coop')}@test.example`,
      localSalesShare: 0.6,
      certificates: [
        { kind: 'organic', body: 'Ecocert', number: 'MA-1', validFrom: '2026-01-01', validTo: '2028-12-31' },
      ],
    }),
  },
  {
    name: 'POST /cooperatives/:id/certificates',
    method: 'POST',
    path: (w) => `/cooperatives/${w.cooperativeId}/certificates`,
    body: () => ({
      kind: 'pgs',
      body: 'Nature & Progrès',
      number: unique('PGS'),
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
    }),
  },
  {
    name: 'POST /pickup-points',
    method: 'POST',
    path: () => '/pickup-points',
    body: (w) => ({
      territoryId: w.r.producerTerritoryId,
      name: unique('Pickup'),
      address: 'Route d’Aglou, Tiznit',
      latitude: 29.698,
      longitude: -9.731,
    }),
  },
  {
    name: 'POST /transport-organisers',
    method: 'POST',
    path: () => '/transport-organisers',
    body: () => ({
      name: unique('Carrier'),
      side: 'third_party',
      contactEmail: `${unique('carrier')}@test.example`,
      webhookUrl: 'https://hooks.example.org/manifests',
      locale: 'fr',
      vehicles: [{ name: 'Truck', mode: 'road', capacityKg: 12000.5, costPerKmMinor: 120 }],
    }),
  },
  {
    name: 'POST /products',
    method: 'POST',
    path: () => '/products',
    body: () => ({
      name: unique('Argan oil'),
      hsCode: '151590',
      unit: '1 l bottle',
      unitNetKg: 0.92,
      unitGrossKg: 1.45,
      category: 'oils',
    }),
  },
  {
    name: 'POST /seasons',
    method: 'POST',
    path: () => '/seasons',
    body: (w) => ({
      partnershipId: w.r.partnershipId,
      name: unique('Season'),
      producerTerritoryId: w.r.producerTerritoryId,
      consumerTerritoryId: w.r.consumerTerritoryId,
      firstMonth: '2031-01',
      lastMonth: '2031-03',
      currency: 'EUR',
      exchangeRate: 10.85,
      pickupPointId: w.r.pickupPointId,
      transportOrganiserIds: w.r.transportOrganiserIds,
      calendar: { lockDay: 10, confirmationDays: 5, loadingDay: 1 },
    }),
  },
  {
    name: 'POST /seasons/:id/groups',
    method: 'POST',
    path: (w) => `/seasons/${w.season.seasonId}/groups`,
    body: (w) => ({ consumerGroupId: w.spareGroupId }),
  },
  {
    name: 'POST /seasons/:id/offers',
    method: 'POST',
    path: (w) => `/seasons/${w.season.seasonId}/offers`,
    body: (w) => ({
      cooperativeId: w.r.cooperativeIds[1],
      productId: w.r.productIds[1],
      unitPriceMinor: 300,
      packSize: 6,
      monthlyCapacity: 400,
    }),
  },
  {
    name: 'PUT /seasons/:id/members/:memberId/pledges (standing)',
    method: 'PUT',
    path: (w) => `/seasons/${w.season.seasonId}/members/${w.memberId}/pledges`,
    body: (w) => ({ lines: w.season.offers.map((o, i) => ({ offerId: o.id, quantity: 3 + i })) }),
  },
  {
    name: 'PUT /seasons/:id/members/:memberId/pledges/:month',
    method: 'PUT',
    path: (w) => `/seasons/${w.season.seasonId}/members/${w.memberId}/pledges/${w.months.open}`,
    body: (w) => ({ lines: [{ offerId: w.season.offers[0].id, quantity: 5 }] }),
  },
  {
    name: 'PUT /seasons/:id/cooperatives/:cooperativeId/delivery-pledges',
    method: 'PUT',
    path: (w) => `/seasons/${w.season.seasonId}/cooperatives/${w.cooperativeId}/delivery-pledges`,
    body: (w) => ({ lines: [{ offerId: w.season.offers[0].id, month: w.months.open, quantity: 20 }] }),
  },
  {
    name: 'POST /cycles/:id/advance',
    method: 'POST',
    path: (w) => `/cycles/${w.cycles.open}/advance`,
    body: () => ({}),
  },
  {
    name: 'POST /cycles/:id/violations/:violationId/waive',
    method: 'POST',
    path: (w) => `/cycles/${w.cycles.confirming}/violations/${w.violationId}/waive`,
    body: () => ({ reason: 'Capacity confirmed by phone' }),
  },
  {
    name: 'PUT /cycles/:id/confirmations/:cooperativeId',
    method: 'PUT',
    path: (w) => `/cycles/${w.cycles.confirming}/confirmations/${w.cooperativeId}`,
    body: (w) => ({ lines: [{ offerId: w.season.offers[0].id, quantity: 1 }] }),
  },
  {
    name: 'PUT /cycles/:id/receipts/:consumerGroupId',
    method: 'PUT',
    path: (w) => `/cycles/${w.cycles.dispatched}/receipts/${w.groupId}`,
    body: (w) => ({ lines: [{ offerId: w.season.offers[0].id, quantity: 1 }] }),
  },
  {
    name: 'POST /shipments/:id/manifest/reissue',
    method: 'POST',
    path: (w) => `/shipments/${w.shipments.dispatched}/manifest/reissue`,
    body: () => ({}),
  },
];

/** An endpoint's method and route with its parameters unnamed: `PUT /seasons/{}/members/{}/pledges`. */
export function routeKey(method: string, path: string): string {
  const route = path.replace(/ \(.*\)$/, '').replace(/(:[A-Za-z]+|\{[^}]+\})/g, '{}');
  return `${method.toUpperCase()} ${route}`;
}

/** routeKey of an endpoint of writeEndpoints, from its name. */
export const endpointKey = (endpoint: WriteEndpoint): string =>
  routeKey(endpoint.method, endpoint.name.replace(/^[A-Z]+ /, ''));
