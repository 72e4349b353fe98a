export const ROLES = ['admin', 'coordinator', 'member', 'cooperative', 'transporter'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the role and the one organisation record the role is tied to. */
export interface Actor {
  userId: string;
  role: Role;
  consumerGroupId: string | null;
  memberId: string | null;
  cooperativeId: string | null;
  transportOrganiserId: string | null;
  /** The server-side session the request came with (absent for work not started by a request). */
  sessionId?: string;
}
