import type { Role } from '../../common/auth/actor';
import { linkProblem, type UserLinks } from './user-links';

const ID = '7c1b6f2e-3c57-4a8e-9a57-1f7c6b0f1a11';
const ALL: (keyof UserLinks)[] = ['consumerGroupId', 'memberId', 'cooperativeId', 'transportOrganiserId'];
const REQUIRED: Record<Role, keyof UserLinks | null> = {
  admin: null,
  coordinator: 'consumerGroupId',
  member: 'memberId',
  cooperative: 'cooperativeId',
  transporter: 'transportOrganiserId',
};
const roles = Object.keys(REQUIRED) as Role[];

describe('linkProblem', () => {
  it.each(roles)('%s with exactly its own link is fine', (role) => {
    const required = REQUIRED[role];
    expect(linkProblem(role, required ? { [required]: ID } : {})).toBeNull();
  });

  it.each(roles.filter((role) => REQUIRED[role]))(
    '%s without its link is refused, naming the link',
    (role) => {
      expect(linkProblem(role, {})).toBe(`${REQUIRED[role]} is required for role ${role}`);
    },
  );

  const extras = roles.flatMap((role) =>
    ALL.filter((link) => link !== REQUIRED[role]).map((extra) => [role, extra] as const),
  );
  it.each(extras)('%s with %s as well is refused, naming it', (role, extra) => {
    const required = REQUIRED[role];
    const links = { ...(required ? { [required]: ID } : {}), [extra]: ID };
    expect(linkProblem(role, links)).toBe(`${extra} must not be set for role ${role}`);
  });

  it('a member gets its group from its member record, not from the request', () => {
    expect(linkProblem('member', { memberId: ID, consumerGroupId: ID })).toBe(
      'consumerGroupId must not be set for role member',
    );
  });

  it('an admin may have no link at all', () => {
    for (const link of ALL)
      expect(linkProblem('admin', { [link]: ID })).toBe(`${link} must not be set for role admin`);
  });
});
