import { NotFoundException } from '@nestjs/common';
import type { Actor, Role } from './actor';
import { assertReach, canReach, ownedScope, reachOf, type Owners } from './ownership';

const GROUP = 'group-own';
const MEMBER = 'member-own';
const COOPERATIVE = 'cooperative-own';
const ORGANISER = 'organiser-own';

function actor(role: Role): Actor {
  const none = { consumerGroupId: null, memberId: null, cooperativeId: null, transportOrganiserId: null };
  const links: Record<Role, Partial<Actor>> = {
    admin: {},
    coordinator: { consumerGroupId: GROUP },
    member: { consumerGroupId: GROUP, memberId: MEMBER },
    cooperative: { cooperativeId: COOPERATIVE },
    transporter: { transportOrganiserId: ORGANISER },
  };
  return { userId: `user-${role}`, role, ...none, ...links[role] };
}

const records: Record<string, Owners> = {
  ownGroup: { consumerGroupId: GROUP },
  foreignGroup: { consumerGroupId: 'group-other' },
  ownMember: { consumerGroupId: GROUP, memberId: MEMBER },
  otherMemberOfOwnGroup: { consumerGroupId: GROUP, memberId: 'member-other' },
  foreignMember: { consumerGroupId: 'group-other', memberId: 'member-other' },
  ownCooperative: { cooperativeId: COOPERATIVE },
  foreignCooperative: { cooperativeId: 'cooperative-other' },
  ownOrganiser: { transportOrganiserId: ORGANISER },
  foreignOrganiser: { transportOrganiserId: 'organiser-other' },
  unowned: {},
  nullOwners: { consumerGroupId: null, memberId: null, cooperativeId: null, transportOrganiserId: null },
};

// Which records each role reaches; every other record is out of its reach.
const reachable: Record<Role, string[]> = {
  admin: Object.keys(records),
  coordinator: ['ownGroup', 'ownMember', 'otherMemberOfOwnGroup'],
  member: ['ownMember'],
  cooperative: ['ownCooperative'],
  transporter: ['ownOrganiser'],
};

const cases = (Object.keys(reachable) as Role[]).flatMap((role) =>
  Object.keys(records).map((record) => [role, record, reachable[role].includes(record)] as const),
);

describe('canReach / assertReach', () => {
  it.each(cases)('%s reaching %s → %s', (role, record, expected) => {
    expect(canReach(actor(role), records[record])).toBe(expected);
    if (expected) {
      expect(() => assertReach(actor(role), records[record], 'thing')).not.toThrow();
    } else {
      expect(() => assertReach(actor(role), records[record], 'thing')).toThrow(
        new NotFoundException('thing not found'),
      );
    }
  });

  it('answers 404 for a record that does not exist, whatever the role', () => {
    for (const role of Object.keys(reachable) as Role[]) {
      expect(() => assertReach(actor(role), null, 'cooperative')).toThrow(NotFoundException);
      expect(() => assertReach(actor(role), undefined, 'cooperative')).toThrow('cooperative not found');
    }
  });

  it('never lets an actor whose link is missing match records whose owner is missing too', () => {
    const unlinked: Actor = { ...actor('cooperative'), cooperativeId: null };
    expect(canReach(unlinked, records.nullOwners)).toBe(false);
    expect(canReach(unlinked, records.unowned)).toBe(false);
    expect(canReach({ ...actor('coordinator'), consumerGroupId: null }, records.nullOwners)).toBe(false);
    expect(canReach({ ...actor('member'), memberId: null }, records.nullOwners)).toBe(false);
    expect(canReach({ ...actor('transporter'), transportOrganiserId: null }, records.nullOwners)).toBe(false);
  });
});

describe('ownedScope', () => {
  it.each([
    ['admin', undefined],
    ['coordinator', { consumerGroupId: GROUP }],
    ['member', { consumerGroupId: GROUP, memberId: MEMBER }],
    ['cooperative', { cooperativeId: COOPERATIVE }],
    ['transporter', { transportOrganiserId: ORGANISER }],
  ] as const)('narrows %s lists to %j', (role, scope) => {
    expect(ownedScope(actor(role))).toEqual(scope);
  });

  it('every record matching a scope is reachable by its actor', () => {
    for (const role of Object.keys(reachable) as Role[]) {
      const scope = ownedScope(actor(role));
      if (scope) expect(canReach(actor(role), scope)).toBe(true);
    }
  });
});

describe('reachOf', () => {
  it('names at most one kind of owner per role, and only an admin reaches all', () => {
    for (const role of Object.keys(reachable) as Role[]) {
      const { all, ...owners } = reachOf(actor(role));
      expect(all).toBe(role === 'admin');
      expect(Object.values(owners).filter((value) => value !== null)).toHaveLength(role === 'admin' ? 0 : 1);
    }
  });
});
