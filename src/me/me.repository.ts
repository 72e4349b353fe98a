import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { SEASON_REACHED_SQL, seasonReach } from '../seasons/season-reach';
import type { CycleFacts } from './domain/next-step';
import type { MeOrganisationDto } from './dto/me.dto';

export interface MeUserRow {
  id: string;
  email: string;
  role: string;
  locale: string | null;
  memberId: string | null;
  mutedNotifications: string[];
  organisation: MeOrganisationDto | null;
}

export interface SeasonOfUser {
  id: string;
  name: string;
  firstMonth: string;
  lastMonth: string;
  currency: string;
  timeZone: string;
  cycles: CycleFacts[];
}

interface CycleFactsRow {
  season_id: string;
  name: string;
  first_month: string;
  last_month: string;
  currency: string;
  time_zone: string;
  cycle_id: string;
  month: string;
  status: string;
  locks_at: Date;
  confirm_by: Date;
  loading_date: string;
  loading_at: Date;
  awaiting_confirmation: boolean;
  loads: boolean;
  carries: boolean;
  receipt_pending: boolean;
}

@Injectable()
export class MeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async user(actor: Actor): Promise<MeUserRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.email, u.role, u.locale, u.member_id AS "memberId",
              u.muted_notifications AS "mutedNotifications",
              CASE
                WHEN u.role IN ('coordinator', 'member') THEN
                  (SELECT json_build_object('type', 'consumer_group', 'id', g.id, 'name', g.name)
                     FROM consumer_groups g WHERE g.id = u.consumer_group_id)
                WHEN u.role = 'cooperative' THEN
                  (SELECT json_build_object('type', 'cooperative', 'id', c.id, 'name', c.name)
                     FROM cooperatives c WHERE c.id = u.cooperative_id)
                WHEN u.role = 'transporter' THEN
                  (SELECT json_build_object('type', 'transport_organiser', 'id', t.id, 'name', t.name)
                     FROM transport_organisers t WHERE t.id = u.transport_organiser_id)
              END AS organisation
       FROM users u WHERE u.id = $1`,
      [actor.userId],
    );
    return row ?? null;
  }

  /** The actor's seasons, each with its cycles and what concerns the actor's organisation in them. */
  async seasons(actor: Actor): Promise<SeasonOfUser[]> {
    const rows: CycleFactsRow[] = await this.dataSource.query(
      `SELECT s.id AS season_id, s.name, s.first_month, s.last_month, s.currency, ct.timezone AS time_zone,
              c.id AS cycle_id, c.month, c.status, c.locks_at, c.confirm_by,
              c.loading_date::text AS loading_date,
              (c.loading_date::timestamp AT TIME ZONE pt.timezone) AS loading_at,
              EXISTS (SELECT 1 FROM cooperative_confirmations cc
                       WHERE cc.cycle_id = c.id AND cc.cooperative_id = $3::uuid AND cc.confirmed_at IS NULL)
                AS awaiting_confirmation,
              EXISTS (SELECT 1 FROM loading_list_lines l WHERE l.cycle_id = c.id AND l.cooperative_id = $3::uuid) AS loads,
              EXISTS (SELECT 1 FROM shipments sh WHERE sh.cycle_id = c.id AND sh.transport_organiser_id = $4::uuid)
                AS carries,
              (c.status = 'dispatched'
               AND EXISTS (SELECT 1 FROM shipment_lines sl WHERE sl.cycle_id = c.id AND sl.consumer_group_id = $2::uuid)
               AND NOT EXISTS (SELECT 1 FROM group_receipts gr
                                WHERE gr.cycle_id = c.id AND gr.consumer_group_id = $2::uuid)) AS receipt_pending
       FROM seasons s
       JOIN territories ct ON ct.id = s.consumer_territory_id
       JOIN territories pt ON pt.id = s.producer_territory_id
       JOIN cycles c ON c.season_id = s.id
       WHERE ${SEASON_REACHED_SQL}
       ORDER BY s.created_at, s.id, c.month`,
      seasonReach(actor),
    );
    const seasons = new Map<string, SeasonOfUser>();
    for (const row of rows) {
      let season = seasons.get(row.season_id);
      if (!season) {
        season = {
          id: row.season_id,
          name: row.name,
          firstMonth: row.first_month,
          lastMonth: row.last_month,
          currency: row.currency,
          timeZone: row.time_zone,
          cycles: [],
        };
        seasons.set(row.season_id, season);
      }
      season.cycles.push({
        cycleId: row.cycle_id,
        month: row.month,
        status: row.status,
        locksAt: row.locks_at,
        confirmBy: row.confirm_by,
        loadingDate: row.loading_date,
        loadingAt: row.loading_at,
        awaitingConfirmation: row.awaiting_confirmation,
        loads: row.loads,
        carries: row.carries,
        receiptPending: row.receipt_pending,
      });
    }
    return [...seasons.values()];
  }
}
