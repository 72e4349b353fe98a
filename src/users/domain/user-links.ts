import type { Role } from '../../common/auth/actor';

export interface UserLinks {
  consumerGroupId?: string;
  memberId?: string;
  cooperativeId?: string;
  transportOrganiserId?: string;
}

const LINKS: (keyof UserLinks)[] = ['consumerGroupId', 'memberId', 'cooperativeId', 'transportOrganiserId'];

const REQUIRED_LINK: Record<Role, keyof UserLinks | null> = {
  admin: null,
  coordinator: 'consumerGroupId',
  member: 'memberId',
  cooperative: 'cooperativeId',
  transporter: 'transportOrganiserId',
};

/**
 * Each role is tied to exactly one kind of organisation record: returns the problem with
 * the links given for a role, or null when they fit.
 */
export function linkProblem(role: Role, links: UserLinks): string | null {
  const required = REQUIRED_LINK[role];
  if (required && !links[required]) return `${required} is required for role ${role}`;
  const extra = LINKS.find((key) => links[key] && key !== required);
  if (extra) return `${extra} must not be set for role ${role}`;
  return null;
}
