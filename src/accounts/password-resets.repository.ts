import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export const RESET_MINUTES = 60;

@Injectable()
export class PasswordResetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The active user with this email, if any: the one a reset is for. */
  async activeUser(email: string): Promise<{ id: string; email: string; locale: string | null } | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, email, locale FROM users WHERE lower(email) = lower($1) AND active`,
      [email],
    );
    return row ?? null;
  }

  async insert(m: EntityManager, userId: string, tokenHash: Buffer): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO password_resets (user_id, token_hash, expires_at)
       VALUES ($1, $2, now() + make_interval(mins => ${RESET_MINUTES})) RETURNING id`,
      [userId, tokenHash],
    );
    return row.id;
  }

  /**
   * Uses the reset with this token hash, if it is unused, unexpired and its user active: marks
   * it and every other open reset of that user used, and answers the user's id; null otherwise.
   */
  async use(m: EntityManager, tokenHash: Buffer): Promise<string | null> {
    const [row] = await m.query(
      `SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id
        WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND u.active
        FOR UPDATE OF r`,
      [tokenHash],
    );
    if (!row) return null;
    await m.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [
      row.user_id,
    ]);
    return row.user_id;
  }
}
