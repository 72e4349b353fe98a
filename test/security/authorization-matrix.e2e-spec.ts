import { Client } from 'pg';
import { isolatedDatabase } from '../support/isolated-database';
import { Api, API_PREFIX, type Reply } from '../support/api';
import { routeTable } from '../support/api-routes';
import { adminToken, startTestApp, unique, type TestApp } from '../support/test-app';
import { buildWorld, siblingView, worldTokens, type World, type WorldTokens } from './world';

/**
 * The authorization matrix: every endpoint of the API × every role × the caller's own
 * organisation and another one, generated from ONE table. Two complete partnerships are built
 * (world A and world B, each with a settled, a dispatched, a confirming and an open cycle, real
 * shipments and manifests); every user belongs to world A. "own" sends world A's ids, "foreign"
 * world B's, and "sibling" (on routes naming a group, member or cooperative) the ids of world A's
 * other group, member or cooperative. Another organisation's id must answer 404 — never 200, never 403 — and a 2xx
 * answer to a non-admin must not contain one id of world B.
 */

type Role = 'admin' | 'coordinator' | 'member' | 'cooperative' | 'transporter' | 'anonymous';
const ROLES: Role[] = ['admin', 'coordinator', 'member', 'cooperative', 'transporter', 'anonymous'];
type Context = 'own' | 'foreign' | 'sibling';

/**
 * [own, foreign] or [own, foreign, sibling]; one number when every context answers alike or the
 * route takes no id. The sibling context (rows marked `sibling`) names another organisation of
 * the caller's own partnership; it answers as the foreign one unless a third value says otherwise.
 */
type Expected = number | [number, number] | [number, number, number];

interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** the route as documented */
  route: string;
  path: (w: World) => string;
  body?: (w: World) => unknown;
  /** false for routes that name no record (lists, creations): one context only */
  scoped?: boolean;
  /** the route names a group, member or cooperative: try the caller's partnership's other one too */
  sibling?: boolean;
  /** per role; a role left out answers 403, and anonymous 401 */
  expect: Partial<Record<Role, Expected>>;
}

const OWN_ONLY = (ok: number): [number, number] => [ok, 404];
const month = (w: World) => w.months.open;

const TABLE: Row[] = [
  // --- platform and auth
  {
    method: 'GET',
    route: '/health',
    path: () => '/health',
    scoped: false,
    expect: { admin: 200, coordinator: 200, member: 200, cooperative: 200, transporter: 200, anonymous: 200 },
  },
  {
    method: 'GET',
    route: '/health/ready',
    path: () => '/health/ready',
    scoped: false,
    expect: { admin: 200, coordinator: 200, member: 200, cooperative: 200, transporter: 200, anonymous: 200 },
  },
  {
    method: 'POST',
    route: '/auth/login',
    path: () => '/auth/login',
    scoped: false,
    body: () => ({ email: LOGIN.email, password: LOGIN.password }),
    expect: { admin: 200, coordinator: 200, member: 200, cooperative: 200, transporter: 200, anonymous: 200 },
  },
  {
    method: 'POST',
    route: '/users',
    path: () => '/users',
    scoped: false,
    body: (w) => ({
      email: `${unique('matrix')}@test.example`,
      password: 'correct horse battery',
      role: 'member',
      memberId: w.r.membersByGroup[1][1],
    }),
    expect: { admin: 201 },
  },
  {
    method: 'GET',
    route: '/me',
    path: () => '/me',
    scoped: false,
    expect: { admin: 200, coordinator: 200, member: 200, cooperative: 200, transporter: 200 },
  },
  {
    method: 'POST',
    route: '/me/calendar-token',
    path: () => '/me/calendar-token',
    scoped: false,
    expect: { admin: 200, coordinator: 200, member: 200, cooperative: 200, transporter: 200 },
  },
  {
    method: 'GET',
    route: '/calendar/:feedToken.ics (a token nobody holds: test/people/calendar-feed)',
    path: () => `/calendar/${'x'.repeat(43)}.ics`,
    scoped: false,
    expect: { admin: 404, coordinator: 404, member: 404, cooperative: 404, transporter: 404, anonymous: 404 },
  },
  {
    method: 'GET',
    route: '/unsubscribe/:token (a token we did not sign: test/people/notifications)',
    path: () => '/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA',
    scoped: false,
    expect: { admin: 404, coordinator: 404, member: 404, cooperative: 404, transporter: 404, anonymous: 404 },
  },
  {
    method: 'POST',
    route: '/unsubscribe/:token (a token we did not sign)',
    path: () => '/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA',
    scoped: false,
    expect: { admin: 404, coordinator: 404, member: 404, cooperative: 404, transporter: 404, anonymous: 404 },
  },
  { method: 'GET', route: '/audit-log', path: () => '/audit-log', scoped: false, expect: { admin: 200 } },
  {
    method: 'GET',
    route: '/notifications',
    path: () => '/notifications',
    scoped: false,
    expect: { admin: 200 },
  },

  // --- registry
  {
    method: 'POST',
    route: '/territories',
    path: () => '/territories',
    scoped: false,
    body: () => ({
      name: unique('Territory'),
      countryCode: 'BE',
      timezone: 'Europe/Brussels',
      currency: 'EUR',
    }),
    expect: { admin: 201 },
  },
  { method: 'GET', route: '/territories', path: () => '/territories', scoped: false, expect: { admin: 200 } },
  {
    method: 'GET',
    route: '/territories/:id',
    path: (w) => `/territories/${w.r.consumerTerritoryId}`,
    expect: { admin: 200 },
  },
  {
    method: 'POST',
    route: '/partnerships',
    path: () => '/partnerships',
    scoped: false,
    body: (w) => ({
      name: unique('Partnership'),
      territoryIds: [w.r.producerTerritoryId, w.r.consumerTerritoryId],
    }),
    expect: { admin: 201 },
  },
  {
    method: 'GET',
    route: '/partnerships',
    path: () => '/partnerships',
    scoped: false,
    expect: { admin: 200 },
  },
  {
    method: 'GET',
    route: '/partnerships/:id',
    path: (w) => `/partnerships/${w.r.partnershipId}`,
    expect: { admin: 200 },
  },
  {
    method: 'PUT',
    route: '/partnerships/:id/charter',
    path: (w) => `/partnerships/${w.r.partnershipId}/charter`,
    body: () => ({ rules: { organicRequired: true, maxExportShare: 0.5 } }),
    expect: { admin: 200 },
  },
  {
    method: 'GET',
    route: '/partnerships/:id/charter',
    path: (w) => `/partnerships/${w.r.partnershipId}/charter`,
    expect: { admin: 200 },
  },
  {
    method: 'GET',
    route: '/partnerships/:id/charter/versions',
    path: (w) => `/partnerships/${w.r.partnershipId}/charter/versions`,
    expect: { admin: 200 },
  },
  {
    method: 'POST',
    route: '/consumer-groups',
    path: () => '/consumer-groups',
    scoped: false,
    body: (w) => ({
      territoryId: w.r.consumerTerritoryId,
      name: unique('GASAP'),
      kind: 'GASAP',
      dropPoint: { name: 'Hall', address: 'Rue 1, Jette', latitude: 50.88, longitude: 4.33 },
      contactEmail: `${unique('group')}@test.example`,
    }),
    expect: { admin: 201 },
  },
  {
    method: 'GET',
    route: '/consumer-groups',
    path: () => '/consumer-groups',
    scoped: false,
    expect: { admin: 200, coordinator: 200 },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/consumer-groups/:id',
    path: (w) => `/consumer-groups/${w.groupId}`,
    expect: { admin: 200, coordinator: OWN_ONLY(200) },
  },
  {
    method: 'POST',
    sibling: true,
    route: '/consumer-groups/:id/members',
    path: (w) => `/consumer-groups/${w.groupId}/members`,
    body: () => ({ name: unique('Member'), email: `${unique('member')}@test.example` }),
    expect: { admin: 201, coordinator: OWN_ONLY(201) },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/consumer-groups/:id/members',
    path: (w) => `/consumer-groups/${w.groupId}/members`,
    expect: { admin: 200, coordinator: OWN_ONLY(200) },
  },
  {
    // active: true changes nothing here (the member never left), so later cells keep their tokens
    method: 'PATCH',
    sibling: true,
    route: '/consumer-groups/:id/members/:memberId',
    path: (w) => `/consumer-groups/${w.groupId}/members/${w.memberId}`,
    body: () => ({ active: true }),
    expect: { admin: 200, coordinator: OWN_ONLY(200) },
  },
  // --- accounts (logout is left out: it would end the session of every later cell)
  {
    method: 'GET',
    route: '/users',
    path: () => '/users',
    scoped: false,
    expect: { admin: 200 },
  },
  {
    method: 'PATCH',
    route: '/users/:id',
    path: () => '/users/00000000-0000-4000-8000-000000000000',
    scoped: false,
    body: () => ({ active: true }),
    expect: { admin: 404 },
  },
  {
    method: 'POST',
    route: '/invitations',
    path: () => '/invitations',
    body: (w) => ({
      email: `${unique('invited')}@test.example`,
      role: 'member',
      name: 'Invited',
      consumerGroupId: w.groupId,
    }),
    expect: { admin: 201, coordinator: OWN_ONLY(201) },
  },
  {
    method: 'GET',
    route: '/invitations',
    path: () => '/invitations',
    scoped: false,
    expect: { admin: 200, coordinator: 200 },
  },
  {
    method: 'POST',
    route: '/auth/invitations/accept',
    path: () => '/auth/invitations/accept',
    scoped: false,
    body: () => ({ token: 'a'.repeat(43), password: 'a long enough passphrase' }),
    expect: { admin: 400, coordinator: 400, member: 400, cooperative: 400, transporter: 400, anonymous: 400 },
  },
  {
    method: 'POST',
    route: '/auth/password-reset',
    path: () => '/auth/password-reset',
    scoped: false,
    body: () => ({ email: `${unique('forgot')}@test.example` }),
    expect: { admin: 202, coordinator: 202, member: 202, cooperative: 202, transporter: 202, anonymous: 202 },
  },
  {
    method: 'POST',
    route: '/auth/password-reset/confirm',
    path: () => '/auth/password-reset/confirm',
    scoped: false,
    body: () => ({ token: 'a'.repeat(43), password: 'a long enough passphrase' }),
    expect: { admin: 400, coordinator: 400, member: 400, cooperative: 400, transporter: 400, anonymous: 400 },
  },
  {
    method: 'PATCH',
    route: '/me',
    path: () => '/me',
    scoped: false,
    body: () => ({}),
    expect: { admin: 200, coordinator: 200, member: 200, cooperative: 200, transporter: 200 },
  },
  {
    // a wrong current password: nothing changes
    method: 'PUT',
    route: '/me/password',
    path: () => '/me/password',
    scoped: false,
    body: () => ({ currentPassword: 'not the password', newPassword: 'a long enough passphrase' }),
    expect: { admin: 400, coordinator: 400, member: 400, cooperative: 400, transporter: 400 },
  },
  {
    method: 'POST',
    route: '/cooperatives',
    path: () => '/cooperatives',
    scoped: false,
    body: (w) => ({
      territoryId: w.r.producerTerritoryId,
      name: unique('Coop'),
      contactEmail: `${unique('coop')}@test.example`,
      localSalesShare: 0.5,
      certificates: [],
    }),
    expect: { admin: 201 },
  },
  {
    method: 'GET',
    route: '/cooperatives',
    path: () => '/cooperatives',
    scoped: false,
    expect: { admin: 200, cooperative: 200 },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/cooperatives/:id',
    path: (w) => `/cooperatives/${w.cooperativeId}`,
    expect: { admin: 200, cooperative: OWN_ONLY(200) },
  },
  {
    method: 'POST',
    route: '/cooperatives/:id/certificates',
    path: (w) => `/cooperatives/${w.cooperativeId}/certificates`,
    body: () => ({
      kind: 'pgs',
      body: 'PGS',
      number: unique('PGS'),
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
    }),
    expect: { admin: 201 },
  },
  {
    method: 'POST',
    route: '/pickup-points',
    path: () => '/pickup-points',
    scoped: false,
    body: (w) => ({
      territoryId: w.r.producerTerritoryId,
      name: unique('Pickup'),
      address: 'Route 1',
      latitude: 30,
      longitude: -9,
    }),
    expect: { admin: 201 },
  },
  {
    method: 'GET',
    route: '/pickup-points',
    path: () => '/pickup-points',
    scoped: false,
    expect: { admin: 200 },
  },
  {
    method: 'GET',
    route: '/pickup-points/:id',
    path: (w) => `/pickup-points/${w.r.pickupPointId}`,
    expect: { admin: 200 },
  },
  {
    method: 'POST',
    route: '/transport-organisers',
    path: () => '/transport-organisers',
    scoped: false,
    body: () => ({
      name: unique('Carrier'),
      side: 'producers',
      contactEmail: `${unique('carrier')}@test.example`,
      vehicles: [{ name: 'Van', mode: 'road', capacityKg: 900 }],
    }),
    expect: { admin: 201 },
  },
  {
    method: 'GET',
    route: '/transport-organisers',
    path: () => '/transport-organisers',
    scoped: false,
    expect: { admin: 200, transporter: 200 },
  },
  {
    method: 'GET',
    route: '/transport-organisers/:id',
    path: (w) => `/transport-organisers/${w.organiserId}`,
    expect: { admin: 200, transporter: OWN_ONLY(200) },
  },
  {
    method: 'POST',
    route: '/products',
    path: () => '/products',
    scoped: false,
    body: () => ({
      name: unique('Dates'),
      hsCode: '080410',
      unit: '1 kg box',
      unitNetKg: 1,
      unitGrossKg: 1.1,
      category: 'fruit',
    }),
    expect: { admin: 201 },
  },
  { method: 'GET', route: '/products', path: () => '/products', scoped: false, expect: { admin: 200 } },
  {
    method: 'GET',
    route: '/products/:id',
    path: (w) => `/products/${w.r.productIds[0]}`,
    expect: { admin: 200 },
  },

  // --- seasons
  {
    method: 'POST',
    route: '/seasons',
    path: () => '/seasons',
    scoped: false,
    body: (w) => ({
      partnershipId: w.r.partnershipId,
      name: unique('Season'),
      producerTerritoryId: w.r.producerTerritoryId,
      consumerTerritoryId: w.r.consumerTerritoryId,
      firstMonth: '2032-01',
      lastMonth: '2032-02',
      currency: 'EUR',
      exchangeRate: 10.85,
      pickupPointId: w.r.pickupPointId,
      transportOrganiserIds: w.r.transportOrganiserIds,
    }),
    expect: { admin: 201 },
  },
  {
    method: 'GET',
    route: '/seasons',
    path: () => '/seasons',
    scoped: false,
    expect: { admin: 200, coordinator: 200, member: 200, cooperative: 200, transporter: 200 },
  },
  {
    method: 'GET',
    route: '/seasons/:id/demand',
    path: (w) => `/seasons/${w.season.seasonId}/demand`,
    expect: { admin: 200, coordinator: OWN_ONLY(200), member: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    route: '/seasons/:id',
    path: (w) => `/seasons/${w.season.seasonId}`,
    expect: {
      admin: 200,
      coordinator: OWN_ONLY(200),
      member: OWN_ONLY(200),
      cooperative: OWN_ONLY(200),
      transporter: OWN_ONLY(200),
    },
  },
  {
    method: 'GET',
    route: '/seasons/:id/cycles',
    path: (w) => `/seasons/${w.season.seasonId}/cycles`,
    expect: {
      admin: 200,
      coordinator: OWN_ONLY(200),
      member: OWN_ONLY(200),
      cooperative: OWN_ONLY(200),
      transporter: OWN_ONLY(200),
    },
  },
  {
    method: 'POST',
    route: '/seasons/:id/groups',
    path: (w) => `/seasons/${w.season.seasonId}/groups`,
    body: (w) => ({ consumerGroupId: w.spareGroupId }),
    expect: { admin: 201 },
  },
  {
    method: 'GET',
    route: '/seasons/:id/groups',
    path: (w) => `/seasons/${w.season.seasonId}/groups`,
    expect: { admin: 200 },
  },
  {
    method: 'POST',
    route: '/seasons/:id/offers',
    path: (w) => `/seasons/${w.season.seasonId}/offers`,
    body: (w) => ({
      cooperativeId: w.r.cooperativeIds[1],
      productId: w.r.productIds[1],
      unitPriceMinor: 300,
      packSize: 6,
      monthlyCapacity: 400,
    }),
    expect: { admin: 201 },
  },
  {
    method: 'GET',
    route: '/seasons/:id/offers',
    path: (w) => `/seasons/${w.season.seasonId}/offers`,
    expect: {
      admin: 200,
      coordinator: OWN_ONLY(200),
      member: OWN_ONLY(200),
      cooperative: OWN_ONLY(200),
      transporter: OWN_ONLY(200),
    },
  },

  // --- pledges
  {
    method: 'PUT',
    sibling: true,
    route: '/seasons/:id/members/:memberId/pledges',
    path: (w) => `/seasons/${w.season.seasonId}/members/${w.memberId}/pledges`,
    body: (w) => ({ lines: [{ offerId: w.season.offers[0].id, quantity: 4 }] }),
    expect: { admin: 200, coordinator: OWN_ONLY(200), member: OWN_ONLY(200) },
  },
  {
    method: 'PUT',
    sibling: true,
    route: '/seasons/:id/members/:memberId/pledges/:month',
    path: (w) => `/seasons/${w.season.seasonId}/members/${w.memberId}/pledges/${month(w)}`,
    body: (w) => ({ lines: [{ offerId: w.season.offers[1].id, quantity: 2 }] }),
    expect: { admin: 200, coordinator: OWN_ONLY(200), member: OWN_ONLY(200) },
  },
  {
    method: 'PUT',
    sibling: true,
    route: '/seasons/:id/members/:memberId/pledges/:month (a locked month)',
    path: (w) => `/seasons/${w.season.seasonId}/members/${w.memberId}/pledges/${w.months.confirming}`,
    body: (w) => ({ lines: [{ offerId: w.season.offers[1].id, quantity: 2 }] }),
    expect: { admin: 422, coordinator: [422, 404], member: [422, 404] },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/seasons/:id/members/:memberId/pledges',
    path: (w) => `/seasons/${w.season.seasonId}/members/${w.memberId}/pledges`,
    expect: { admin: 200, coordinator: OWN_ONLY(200), member: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    route: '/seasons/:id/commitments',
    path: (w) => `/seasons/${w.season.seasonId}/commitments`,
    expect: { admin: 200, coordinator: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/seasons/:id/commitments?consumerGroupId=',
    path: (w) => `/seasons/${w.season.seasonId}/commitments?consumerGroupId=${w.groupId}`,
    expect: { admin: 200, coordinator: OWN_ONLY(200) },
  },
  {
    method: 'PUT',
    sibling: true,
    route: '/seasons/:id/cooperatives/:cooperativeId/delivery-pledges',
    path: (w) => `/seasons/${w.season.seasonId}/cooperatives/${w.cooperativeId}/delivery-pledges`,
    body: (w) => ({ lines: [{ offerId: w.offerId, month: month(w), quantity: 30 }] }),
    expect: { admin: 200, cooperative: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/seasons/:id/cooperatives/:cooperativeId/delivery-pledges',
    path: (w) => `/seasons/${w.season.seasonId}/cooperatives/${w.cooperativeId}/delivery-pledges`,
    expect: { admin: 200, cooperative: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    route: '/seasons/:id/plan',
    path: (w) => `/seasons/${w.season.seasonId}/plan`,
    expect: { admin: 200, cooperative: OWN_ONLY(200) },
  },

  // --- the cycle
  {
    method: 'GET',
    route: '/cycles/:id',
    path: (w) => `/cycles/${w.cycles.settled}`,
    expect: {
      admin: 200,
      coordinator: OWN_ONLY(200),
      member: OWN_ONLY(200),
      cooperative: OWN_ONLY(200),
      transporter: OWN_ONLY(200),
    },
  },
  {
    method: 'POST',
    route: '/cycles/:id/advance',
    path: (w) => `/cycles/${w.cycles.open}/advance`,
    expect: { admin: 202 },
  },
  {
    method: 'POST',
    route: '/cycles/:id/advance (a dispatched cycle)',
    path: (w) => `/cycles/${w.cycles.dispatched}/advance`,
    expect: { admin: 422 },
  },
  {
    method: 'POST',
    route: '/cycles/:id/violations/:violationId/waive',
    path: (w) => `/cycles/${w.cycles.confirming}/violations/${w.violationId}/waive`,
    body: () => ({ reason: 'confirmed by phone' }),
    expect: { admin: 200 },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/cycles/:id/demand',
    path: (w) => `/cycles/${w.cycles.confirming}/demand?cooperativeId=${w.cooperativeId}`,
    expect: { admin: 200, cooperative: OWN_ONLY(200) },
  },
  {
    method: 'PUT',
    sibling: true,
    route: '/cycles/:id/confirmations/:cooperativeId',
    path: (w) => `/cycles/${w.cycles.confirming}/confirmations/${w.cooperativeId}`,
    body: (w) => ({ lines: [{ offerId: w.offerId, quantity: 1 }] }),
    expect: { admin: 200, cooperative: OWN_ONLY(200) },
  },
  {
    method: 'PUT',
    sibling: true,
    route: '/cycles/:id/confirmations/:cooperativeId (a settled cycle)',
    path: (w) => `/cycles/${w.cycles.settled}/confirmations/${w.cooperativeId}`,
    body: (w) => ({ lines: [{ offerId: w.offerId, quantity: 1 }] }),
    expect: { admin: 422, cooperative: [422, 404] },
  },
  {
    method: 'GET',
    route: '/cycles/:id/allocations',
    path: (w) => `/cycles/${w.cycles.settled}/allocations`,
    expect: { admin: 200, coordinator: OWN_ONLY(200), member: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/cycles/:id/allocations?consumerGroupId=',
    path: (w) => `/cycles/${w.cycles.settled}/allocations?consumerGroupId=${w.groupId}`,
    expect: { admin: 200, coordinator: OWN_ONLY(200), member: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/cycles/:id/allocations?memberId=',
    path: (w) => `/cycles/${w.cycles.settled}/allocations?memberId=${w.memberId}`,
    expect: { admin: 200, coordinator: OWN_ONLY(200), member: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    route: '/cycles/:id/allocations (a confirming cycle)',
    path: (w) => `/cycles/${w.cycles.confirming}/allocations`,
    expect: { admin: 422, coordinator: [422, 404], member: [422, 404] },
  },
  {
    method: 'GET',
    route: '/cycles/:id/loading-list',
    path: (w) => `/cycles/${w.cycles.settled}/loading-list`,
    expect: { admin: 200, cooperative: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    route: '/cycles/:id/shipments',
    path: (w) => `/cycles/${w.cycles.settled}/shipments`,
    expect: { admin: 200, transporter: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    route: '/shipments/:id/manifest',
    path: (w) => `/shipments/${w.shipments.settled}/manifest`,
    expect: { admin: 200, transporter: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    route: '/shipments/:id/manifest.csv',
    path: (w) => `/shipments/${w.shipments.settled}/manifest.csv`,
    expect: { admin: 200, transporter: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    route: '/shipments/:id/manifest.pdf',
    path: (w) => `/shipments/${w.shipments.settled}/manifest.pdf`,
    expect: { admin: 200, transporter: OWN_ONLY(200) },
  },
  {
    method: 'POST',
    route: '/shipments/:id/manifest/reissue',
    path: (w) => `/shipments/${w.shipments.dispatched}/manifest/reissue`,
    expect: { admin: 201 },
  },
  {
    method: 'PUT',
    sibling: true,
    route: '/cycles/:id/receipts/:consumerGroupId',
    path: (w) => `/cycles/${w.cycles.dispatched}/receipts/${w.groupId}`,
    body: (w) => ({ lines: w.receiptLines }),
    expect: { admin: 200, coordinator: OWN_ONLY(200) },
  },
  {
    method: 'PUT',
    route: '/cycles/:id/receipts/:consumerGroupId (a confirming cycle)',
    path: (w) => `/cycles/${w.cycles.confirming}/receipts/${w.groupId}`,
    body: (w) => ({ lines: [{ offerId: w.season.offers[0].id, quantity: 1 }] }),
    expect: { admin: 422, coordinator: [422, 404] },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/cycles/:id/receipts/:consumerGroupId',
    path: (w) => `/cycles/${w.cycles.dispatched}/receipts/${w.groupId}`,
    expect: { admin: 200, coordinator: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    route: '/cycles/:id/statements',
    path: (w) => `/cycles/${w.cycles.settled}/statements`,
    expect: { admin: 200, coordinator: OWN_ONLY(200), member: OWN_ONLY(200), cooperative: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    route: '/cycles/:id/statements.csv',
    path: (w) => `/cycles/${w.cycles.settled}/statements.csv`,
    expect: { admin: 200, coordinator: OWN_ONLY(200), member: OWN_ONLY(200), cooperative: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    route: '/cycles/:id/distribution-list',
    path: (w) => `/cycles/${w.cycles.settled}/distribution-list`,
    // an admin names the group (400 without it); a coordinator reads its own
    expect: { admin: 400, coordinator: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/cycles/:id/distribution-list (a named group)',
    path: (w) => `/cycles/${w.cycles.settled}/distribution-list?consumerGroupId=${w.groupId}`,
    expect: { admin: 200, coordinator: OWN_ONLY(200) },
  },
  {
    method: 'GET',
    sibling: true,
    route: '/cycles/:id/distribution-list.pdf',
    path: (w) => `/cycles/${w.cycles.settled}/distribution-list.pdf?consumerGroupId=${w.groupId}`,
    expect: { admin: 200, coordinator: OWN_ONLY(200) },
  },
];

const LOGIN = { email: '', password: 'correct horse battery' };

function expected(row: Row, role: Role, context: Context): number {
  const cell = row.expect[role] ?? (role === 'anonymous' ? 401 : 403);
  if (!Array.isArray(cell)) return cell;
  return context === 'own' ? cell[0] : context === 'foreign' ? cell[1] : (cell[2] ?? cell[1]);
}

interface Cell {
  row: Row;
  role: Role;
  context: Context;
  status: number;
}

function contextsOf(row: Row): Context[] {
  if (row.scoped === false) return ['own'];
  return row.sibling ? ['own', 'foreign', 'sibling'] : ['own', 'foreign'];
}

const CELLS: Cell[] = TABLE.flatMap((row) =>
  ROLES.flatMap((role) =>
    contextsOf(row).map((context) => ({
      row,
      role,
      context,
      status: expected(row, role, context),
    })),
  ),
);

/** Every id of a world, to find any that leaks into the other world's answers. */
function idsOf(w: World): string[] {
  const r = w.r;
  return [
    r.consumerTerritoryId,
    r.producerTerritoryId,
    r.partnershipId,
    ...r.groupIds,
    ...r.membersByGroup.flat(),
    r.producerSideGroupId,
    ...r.cooperativeIds,
    r.consumerSideCooperativeId,
    ...r.productIds,
    r.pickupPointId,
    r.consumerSidePickupPointId,
    ...r.transportOrganiserIds,
    w.season.seasonId,
    ...Object.values(w.season.cycleIds),
    ...w.season.offers.map((o) => o.id),
    w.vehicleId,
    ...Object.values(w.shipments),
    w.violationId,
    w.spareGroupId,
  ];
}

/**
 * F6, "404 means 404": a season, cycle or shipment the caller has no part in must answer exactly
 * (status and body) as an id that names nothing. Two pairs of worlds per row naming one:
 * - `mixed`: the caller's own organisations (world A) with world B's season, cycles, shipments
 *   (and their offers, months, violation); against the same with random ids in their place;
 * - `foreign`: world B whole; against world B with random season, cycle and shipment ids.
 */
const RANDOM = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function withSeasonOf(w: World, from: World): World {
  return {
    ...w,
    season: from.season,
    cycles: from.cycles,
    months: from.months,
    shipments: from.shipments,
    violationId: from.violationId,
    offerId: from.offerId,
    receiptLines: from.receiptLines,
  };
}

function withRandomSeason(w: World): World {
  const cycles = { settled: RANDOM(11), dispatched: RANDOM(12), confirming: RANDOM(13), open: RANDOM(14) };
  return {
    ...w,
    season: { ...w.season, seasonId: RANDOM(1), cycleIds: {} },
    cycles,
    shipments: { settled: RANDOM(21), dispatched: RANDOM(22) },
    violationId: RANDOM(31),
  };
}

/**
 * The SQL statements (their text, without values) a request sends, in order: the timing class
 * of F6. A season of others and a random id must cost the same statements, so that neither
 * the answer nor the work behind it tells them apart. The session listener's own statements
 * (its heartbeat) and the session lookup are left out.
 */
async function statementsOf<T>(request: () => Promise<T>): Promise<[T, string[]]> {
  const statements: string[] = [];
  const query = Client.prototype.query;
  // The session lookup depends on what the process holds in memory, not on the ids asked for.
  const listening = /pg_notify|^LISTEN|pg_backend_pid|FROM sessions s JOIN users u/;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; name?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? first?.name ?? '?');
    if (!listening.test(text)) statements.push(text.replace(/\s+/g, ' ').trim());
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    return [await request(), statements];
  } finally {
    Client.prototype.query = query;
  }
}

const NOT_ADMIN: Exclude<Role, 'admin'>[] = [
  'coordinator',
  'member',
  'cooperative',
  'transporter',
  'anonymous',
];
type Pair = 'mixed' | 'foreign';

/** The rows whose path names a season, cycle or shipment (it changes with them). */
const NAMING_SEASONS = (own: World) =>
  TABLE.filter((row) => row.scoped !== false && row.path(own) !== row.path(withRandomSeason(own)));

describe('authorization matrix', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let tokens: Record<Exclude<Role, 'anonymous'>, string>;
  let worlds: Record<Context, World>;
  let foreignIds: string[];
  const outcome = { cells: 0, byStatus: {} as Record<number, number>, leakChecks: 0 };

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_matrix');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix });
    api = new Api(t.app);
    const admin = await adminToken(api, t.dataSource);
    const own = await buildWorld(t, api, admin);
    worlds = {
      own,
      foreign: await buildWorld(t, api, admin),
      sibling: await siblingView(t.dataSource, own),
    };
    const users: WorldTokens = await worldTokens(api, admin, own);
    tokens = { admin, ...users };
    foreignIds = idsOf(worlds.foreign);
    LOGIN.email = `${unique('matrix-login')}@test.example`;
    const created = await api.as(admin).post('/users', {
      body: {
        email: LOGIN.email,
        password: LOGIN.password,
        role: 'member',
        memberId: worlds.own.r.membersByGroup[0][1],
      },
    });
    expect(created.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it.each(CELLS.map((c) => [`${c.row.method} ${c.row.route}`, c.role, c.context, c.status, c] as const))(
    '%s as %s (%s) → %i',
    async (_, role, context, status, cell) => {
      const w = worlds[context];
      const client = role === 'anonymous' ? api.anonymous() : api.as(tokens[role]);
      const body = cell.row.body?.(w);
      const reply: Reply = await client.request(
        cell.row.method,
        `${API_PREFIX}${cell.row.path(w)}`,
        cell.row.method === 'GET' ? undefined : (body ?? {}),
      );
      outcome.cells += 1;
      outcome.byStatus[reply.status] = (outcome.byStatus[reply.status] ?? 0) + 1;
      expect({
        status: reply.status,
        message: reply.status === status ? undefined : reply.text.slice(0, 300),
      }).toEqual({
        status,
        message: undefined,
      });
      if (reply.status < 300 && role !== 'admin' && context === 'own') {
        outcome.leakChecks += 1;
        expect(foreignIds.filter((id) => reply.text.includes(id))).toEqual([]);
      }
    },
  );

  describe('F6: a season, cycle or shipment of which the caller has no part answers as a random id', () => {
    const compared = { rows: 0, cells: 0 };
    // The rows are known once the worlds are: one test per row, each over roles and both pairs.
    it('on every route naming one, for every role, status and body alike', async () => {
      const differences: string[] = [];
      const rows = NAMING_SEASONS(worlds.own);
      compared.rows = rows.length;
      const pairs: Record<Pair, [World, World]> = {
        mixed: [
          withSeasonOf(worlds.own, worlds.foreign),
          withRandomSeason(withSeasonOf(worlds.own, worlds.foreign)),
        ],
        foreign: [worlds.foreign, withRandomSeason(worlds.foreign)],
      };
      for (const row of rows) {
        for (const role of NOT_ADMIN) {
          for (const pair of Object.keys(pairs) as Pair[]) {
            const [theirs, random] = pairs[pair];
            const client = role === 'anonymous' ? api.anonymous() : api.as(tokens[role]);
            const ask = (w: World) =>
              client.request(
                row.method,
                `${API_PREFIX}${row.path(w)}`,
                row.method === 'GET' ? undefined : (row.body?.(w) ?? {}),
              );
            const [a, aStatements] = await statementsOf(() => ask(theirs));
            const [b, bStatements] = await statementsOf(() => ask(random));
            compared.cells += 1;
            if (a.status !== b.status || a.text !== b.text || a.status < 400) {
              differences.push(
                `${row.method} ${row.route} as ${role} (${pair}): ${a.status} ${a.text.slice(0, 160)} ` +
                  `— random: ${b.status} ${b.text.slice(0, 160)}`,
              );
            } else if (JSON.stringify(aStatements) !== JSON.stringify(bStatements)) {
              differences.push(
                `${row.method} ${row.route} as ${role} (${pair}): other work: ` +
                  `${JSON.stringify(aStatements)} — random: ${JSON.stringify(bStatements)}`,
              );
            }
          }
        }
      }
      console.info(
        `F6: ${compared.rows} rows × ${NOT_ADMIN.length} roles × 2 pairs → ${compared.cells} pairs compared`,
      );
      expect(differences).toEqual([]);
      expect(compared.rows).toBeGreaterThan(20);
    });
  });

  it('answers a malformed id in the address with 400 naming it, on every route that takes one', async () => {
    const VALID: Record<string, string> = { month: '2027-01' };
    const named = routeTable(t.app).flatMap(({ route, who }) => {
      const [method, path] = route.split(' ');
      const ids = [...path.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .filter((p) => p === 'id' || p.endsWith('Id'));
      return ids.map((param) => ({ method, path, who, param }));
    });
    const wrong: string[] = [];
    for (const { method, path, who, param } of named) {
      const role =
        who === 'anyone' ? 'anonymous' : who === 'any user' ? 'admin' : (who.split(', ')[0] as Role);
      const client =
        role === 'anonymous' ? api.anonymous() : api.as(tokens[role as Exclude<Role, 'anonymous'>]);
      const url = path.replace(/\{(\w+)\}/g, (_, p: string) =>
        p === param ? 'not-a-uuid' : (VALID[p] ?? '00000000-0000-4000-8000-000000000000'),
      );
      const reply = await client.request(method, `${API_PREFIX}${url}`, method === 'GET' ? undefined : {});
      if (reply.status !== 400 || !reply.text.includes(`${param} must be a UUID`)) {
        wrong.push(`${method} ${path} (${param}) as ${role}: ${reply.status} ${reply.text.slice(0, 160)}`);
      }
    }
    console.info(`malformed ids: ${named.length} path parameters tried, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
    expect(named.length).toBeGreaterThan(50);
  });

  it('covers every route of the API and reports its figures', () => {
    const routes = new Set(TABLE.map((r) => `${r.method} ${r.route.replace(/ \(.*\)$/, '')}`));
    console.info(
      `authorization matrix: ${TABLE.length} rows (${routes.size} routes) × ${ROLES.length} roles × own/foreign ` +
        `(and sibling on ${TABLE.filter((r) => r.sibling).length} rows) → ` +
        `${CELLS.length} cells, ${outcome.cells} requests, statuses ${JSON.stringify(outcome.byStatus)}, ` +
        `${outcome.leakChecks} answers searched for ${foreignIds.length} foreign ids`,
    );
    expect(outcome.cells).toBe(CELLS.length);
  });
});
