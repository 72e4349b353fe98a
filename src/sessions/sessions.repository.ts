import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor, Role } from '../common/auth/actor';
import { preparedQuery } from '../common/database/prepared';

interface LiveSessionRow {
  expires_at: Date;
  role: Role;
  consumer_group_id: string | null;
  member_id: string | null;
  cooperative_id: string | null;
  transport_organiser_id: string | null;
}

// One primary-key lookup joined to the user by its primary key, prepared once per connection:
// asked whenever the process does not hold the session in memory (SessionsService), so that a
// revoked session, a deactivated or deleted user, or a changed role or organisation takes
// effect on the very next request.
const LIVE_SESSION = `
  SELECT s.expires_at, u.role, u.consumer_group_id, u.member_id, u.cooperative_id, u.transport_organiser_id
    FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`;

export interface LiveSession {
  actor: Actor & { sessionId: string };
  expiresAt: Date;
}

export interface SessionRow {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string | null;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async open(
    userId: string,
    ttlSeconds: number,
    userAgent: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SessionRow> {
    const [row] = await manager.query(
      `INSERT INTO sessions (user_id, expires_at, user_agent)
       VALUES ($1, now() + make_interval(secs => $2), $3)
       RETURNING id, created_at AS "createdAt", expires_at AS "expiresAt", user_agent AS "userAgent"`,
      [userId, ttlSeconds, userAgent],
    );
    return row as SessionRow;
  }

  /**
   * Who is acting through this session and until when the session lasts, or null when it has
   * ended (or its user is inactive or gone).
   */
  async liveSession(sessionId: string, userId: string): Promise<LiveSession | null> {
    const [row] = await preparedQuery<LiveSessionRow>(this.dataSource, 'live_session_until', LIVE_SESSION, [
      sessionId,
      userId,
    ]);
    if (!row) return null;
    return {
      expiresAt: row.expires_at,
      actor: {
        userId,
        sessionId,
        role: row.role,
        consumerGroupId: row.consumer_group_id,
        memberId: row.member_id,
        cooperativeId: row.cooperative_id,
        transportOrganiserId: row.transport_organiser_id,
      },
    };
  }

  /** Ends one session; false when it had already ended. */
  async end(sessionId: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [, count] = await this.dataSource.query(
      `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
    return count > 0;
  }

  /** Ends every live session of the users (but `except`, the caller's own, where given). */
  async endAllOf(
    userIds: string[],
    manager: EntityManager = this.dataSource.manager,
    except: string | null = null,
  ): Promise<number> {
    const [, count] = await manager.query(
      `UPDATE sessions SET revoked_at = now()
        WHERE user_id = ANY($1::uuid[]) AND revoked_at IS NULL AND id IS DISTINCT FROM $2::uuid`,
      [userIds, except],
    );
    return count as number;
  }

  /** Removes sessions expired for more than a day: the table holds live sessions and recent history. */
  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM sessions WHERE expires_at < now() - interval '1 day'`);
  }
}
