import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { prefetchPledgePage } from '../features/member/season-data';
import type { Me } from './session';

type Page = LazyExoticComponent<ComponentType>;

/**
 * Pages anyone may open without a session (links in mails land on them). Each lazy import is a
 * chunk of its own: a member's pledge page never downloads another role's code.
 */
export const publicPages: Record<string, Page> = {
  '/sign-in': lazy(() => import('../features/account/SignIn')),
  '/invitations/accept': lazy(() => import('../features/account/AcceptInvitation')),
  '/password-reset': lazy(() => import('../features/account/PasswordReset')),
  '/password-reset/confirm': lazy(() => import('../features/account/PasswordResetConfirm')),
};

/** Pages of every signed-in user. */
export const commonPages: Record<string, Page> = {
  '/account': lazy(() => import('../features/account/AccountPage')),
  '/seasons': lazy(() => import('./SeasonsPage')),
};

/** Each role's area: its first path segment, its home and its pages (a router of its own). */
export interface RoleArea {
  prefix: string;
  area: Page;
  /** The area's menu: paths and the catalogue keys of their names. */
  nav: { to: string; label: string }[];
  /**
   * Called as soon as the user is known at start (main.tsx): fetches the area's code, and
   * what the page at `pathname` reads, at once rather than one after the other.
   */
  warm?: (me: Me, pathname: string) => void;
}

const memberArea = () => import('../features/member/MemberArea');

export const roleAreas: Partial<Record<string, RoleArea>> = {
  member: {
    prefix: '/member',
    area: lazy(memberArea),
    warm: (me, pathname) => {
      void memberArea();
      const season = me.seasons[0];
      if (me.user.memberId && season && (pathname === '/' || pathname === '/member'))
        prefetchPledgePage(season.id, me.user.memberId);
    },
    nav: [
      { to: '/member', label: 'nav.pledges' },
      { to: '/member/history', label: 'nav.history' },
      { to: '/member/statements', label: 'nav.statements' },
    ],
  },
  coordinator: {
    prefix: '/coordinator',
    area: lazy(() => import('../features/coordinator/CoordinatorArea')),
    nav: [
      { to: '/coordinator', label: 'nav.commitments' },
      { to: '/coordinator/members', label: 'nav.members' },
      { to: '/coordinator/deliveries', label: 'nav.deliveries' },
      { to: '/coordinator/statements', label: 'nav.statements' },
    ],
  },
  cooperative: {
    prefix: '/cooperative',
    area: lazy(() => import('../features/cooperative/CooperativeArea')),
    nav: [{ to: '/cooperative', label: 'nav.cooperative' }],
  },
  transporter: {
    prefix: '/transporter',
    area: lazy(() => import('../features/transporter/TransporterArea')),
    nav: [{ to: '/transporter', label: 'nav.shipments' }],
  },
  admin: {
    prefix: '/admin',
    area: lazy(() => import('../features/admin/AdminArea')),
    nav: [
      { to: '/admin', label: 'nav.partnerships' },
      { to: '/admin/setup', label: 'nav.setup' },
      { to: '/admin/logs', label: 'nav.logs' },
    ],
  },
};

/** Where a user lands after signing in: its role's area, else the list of its seasons. */
export function homeOf(role: string): string {
  return roleAreas[role]?.prefix ?? '/seasons';
}
