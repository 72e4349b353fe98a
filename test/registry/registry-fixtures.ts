import type { DataSource } from 'typeorm';
import type { Api, Reply } from '../support/api';
import { unique } from '../support/test-app';
import { cooperative } from '../support/rows';

/** Requests that set up the registry records the registry tests build on; each fails loudly. */
async function created(reply: Promise<Reply<{ id: string }>>, what: string) {
  const r = await reply;
  if (r.status !== 201) throw new Error(`creating ${what} failed: ${r.status} ${r.text}`);
  return r.body;
}

export function territoryBody() {
  return { name: unique('Territory'), countryCode: 'BE', timezone: 'Europe/Brussels', currency: 'EUR' };
}

export async function createTerritory(api: Api, admin: string): Promise<string> {
  return (await created(api.as(admin).post('/territories', { body: territoryBody() }), 'territory')).id;
}

export function productBody() {
  return {
    name: unique('Argan oil'),
    hsCode: '151590',
    unit: '1 l bottle',
    unitNetKg: 0.92,
    unitGrossKg: 1.45,
    category: 'oils',
  };
}

export async function createProduct(api: Api, admin: string): Promise<string> {
  return (await created(api.as(admin).post('/products', { body: productBody() }), 'product')).id;
}

export async function createPartnership(api: Api, admin: string, rules: object = {}): Promise<string> {
  const territoryIds = [await createTerritory(api, admin), await createTerritory(api, admin)];
  const body = { name: unique('Partnership'), territoryIds, charter: { rules } };
  return (await created(api.as(admin).post('/partnerships', { body }), 'partnership')).id;
}

export function groupBody(territoryId: string) {
  return {
    territoryId,
    name: unique('GASAP'),
    kind: 'GASAP',
    dropPoint: {
      name: 'Salle paroissiale',
      address: 'Rue Léopold Ier 329, 1090 Jette',
      latitude: 50.878,
      longitude: 4.327,
    },
    contactEmail: `${unique('group')}@test.example`,
  };
}

export async function createGroup(api: Api, admin: string, territoryId: string): Promise<string> {
  return (
    await created(api.as(admin).post('/consumer-groups', { body: groupBody(territoryId) }), 'consumer group')
  ).id;
}

export async function createMember(api: Api, admin: string, groupId: string): Promise<string> {
  const body = { name: unique('Member'), email: `${unique('member')}@test.example` };
  return (
    await created(
      api.as(admin).post('/consumer-groups/{id}/members', { params: { id: groupId }, body }),
      'member',
    )
  ).id;
}

export async function count(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return row.n;
}

/** A cooperative straight into the database (the row factory's), for the role it lets a user have. */
export const cooperativeId = cooperative;

/** The user id a token was issued to (its `sub` claim). */
export function userIdOf(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sub;
}

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
