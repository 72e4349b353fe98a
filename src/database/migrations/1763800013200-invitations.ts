import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts by invitation: an admin (any role) or a coordinator (members of its group) invites
 * an email; the e-mailed link carries a random token of which only the SHA-256 is stored, valid
 * 7 days and once. Accepting creates the user with the role and links given here.
 */
export class Invitations1763800013200 implements MigrationInterface {
  name = 'Invitations1763800013200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        role varchar(12) NOT NULL CHECK (role IN ('admin', 'coordinator', 'member', 'cooperative', 'transporter')),
        consumer_group_id uuid REFERENCES consumer_groups(id) ON DELETE CASCADE,
        member_id uuid REFERENCES members(id) ON DELETE CASCADE,
        cooperative_id uuid REFERENCES cooperatives(id) ON DELETE CASCADE,
        transport_organiser_id uuid REFERENCES transport_organisers(id) ON DELETE CASCADE,
        locale varchar(2) CHECK (locale IN ('en', 'fr', 'ar', 'nl')),
        token_hash bytea NOT NULL UNIQUE,
        invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL
      );
      CREATE INDEX invitations_group ON invitations (consumer_group_id, created_at);
      CREATE INDEX invitations_email ON invitations (lower(email)) WHERE accepted_at IS NULL AND revoked_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE invitations;`);
  }
}
