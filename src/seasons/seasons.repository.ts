import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import type { Page } from '../common/pagination/pagination.dto';
import type { CycleDates, SeasonCalendar } from './domain/calendar';
import type { SeasonCycleDto, SeasonDto, SeasonGroupDto } from './dto/season.dto';
import { SEASON_REACHED_SQL, seasonReach } from './season-reach';

export interface NewSeason {
  partnershipId: string;
  name: string;
  producerTerritoryId: string;
  consumerTerritoryId: string;
  firstMonth: string;
  lastMonth: string;
  currency: string;
  exchangeRate: number;
  pickupPointId: string;
  transportOrganiserIds: string[];
  calendar: SeasonCalendar;
  /** days before a month locks that its members are reminded (0: no reminder) */
  reminderDays: number;
}

/** What creating a season needs to know about the records it names; null/absent = no such record. */
export interface SeasonReferences {
  partnershipTerritoryIds: string[] | null;
  consumerTimezone: string | null;
  pickupPointTerritoryId: string | null;
  existingTransportOrganiserIds: string[];
}

/** The facts of a season that access checks and the rules of its children need. */
export interface SeasonFacts {
  id: string;
  partnershipId: string;
  producerTerritoryId: string;
  consumerTerritoryId: string;
  groupEnrolled: boolean;
  cooperativeHasOffer: boolean;
  organiserCarries: boolean;
}

/**
 * The season's facts for the organisations of $2 (group), $3 (cooperative), $4 (organiser),
 * $1 being the season: one row, or none. Exported so that a hot read can fetch them in the
 * same round trip as its data (commitments.repository.ts).
 */
export const SEASON_FACTS_SQL = `
  SELECT s.id, s.partnership_id, s.producer_territory_id, s.consumer_territory_id,
         EXISTS (SELECT 1 FROM season_groups g WHERE g.season_id = s.id AND g.consumer_group_id = $2) AS group_enrolled,
         EXISTS (SELECT 1 FROM offers o WHERE o.season_id = s.id AND o.cooperative_id = $3) AS cooperative_has_offer,
         EXISTS (SELECT 1 FROM season_transport_organisers t
                 WHERE t.season_id = s.id AND t.transport_organiser_id = $4) AS organiser_carries
  FROM seasons s WHERE s.id = $1`;

export interface SeasonFactsRow {
  id: string;
  partnership_id: string;
  producer_territory_id: string;
  consumer_territory_id: string;
  group_enrolled: boolean;
  cooperative_has_offer: boolean;
  organiser_carries: boolean;
}

export function toSeasonFacts(row: SeasonFactsRow): SeasonFacts {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    producerTerritoryId: row.producer_territory_id,
    consumerTerritoryId: row.consumer_territory_id,
    groupEnrolled: row.group_enrolled,
    cooperativeHasOffer: row.cooperative_has_offer,
    organiserCarries: row.organiser_carries,
  };
}

export interface ReachOf {
  consumerGroupId: string | null;
  cooperativeId: string | null;
  transportOrganiserId: string | null;
}

const SEASON_COLUMNS = `
  s.id, s.partnership_id, s.name, s.producer_territory_id, s.consumer_territory_id, s.first_month, s.last_month,
  s.currency, s.exchange_rate::text AS exchange_rate, s.pickup_point_id, s.lock_day, s.confirmation_days, s.loading_day, s.reminder_days,
  (SELECT t.timezone FROM territories t WHERE t.id = s.consumer_territory_id) AS time_zone,
  coalesce((SELECT array_agg(t.transport_organiser_id ORDER BY t.transport_organiser_id)
            FROM season_transport_organisers t WHERE t.season_id = s.id), '{}')::text[] AS transport_organiser_ids`;

interface SeasonRow {
  id: string;
  partnership_id: string;
  name: string;
  producer_territory_id: string;
  consumer_territory_id: string;
  first_month: string;
  last_month: string;
  currency: string;
  exchange_rate: string;
  pickup_point_id: string;
  lock_day: number;
  confirmation_days: number;
  loading_day: number;
  reminder_days: number;
  time_zone: string;
  transport_organiser_ids: string[];
}

function toSeason(row: SeasonRow): SeasonDto {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    name: row.name,
    producerTerritoryId: row.producer_territory_id,
    consumerTerritoryId: row.consumer_territory_id,
    firstMonth: row.first_month,
    lastMonth: row.last_month,
    currency: row.currency,
    exchangeRate: Number(row.exchange_rate),
    pickupPointId: row.pickup_point_id,
    transportOrganiserIds: row.transport_organiser_ids,
    timeZone: row.time_zone,
    calendar: {
      lockDay: row.lock_day,
      confirmationDays: row.confirmation_days,
      loadingDay: row.loading_day,
      reminderDays: row.reminder_days,
    },
  };
}

interface CycleRow {
  id: string;
  season_id: string;
  month: string;
  status: string;
  locks_at: Date;
  confirm_by: Date;
  loading_date: string;
  charter_version: number | null;
  time_zone: string;
}

function toCycle(row: CycleRow): SeasonCycleDto {
  return {
    id: row.id,
    seasonId: row.season_id,
    month: row.month,
    status: row.status,
    locksAt: row.locks_at.toISOString(),
    confirmBy: row.confirm_by.toISOString(),
    loadingDate: row.loading_date,
    timeZone: row.time_zone,
    charterVersion: row.charter_version,
  };
}

@Injectable()
export class SeasonsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async references(season: NewSeason): Promise<SeasonReferences> {
    const [row] = await this.dataSource.query(
      `SELECT
         (SELECT ARRAY[p.territory_a_id, p.territory_b_id]::text[] FROM partnerships p WHERE p.id = $1) AS partnership_territory_ids,
         (SELECT t.timezone FROM territories t WHERE t.id = $2) AS consumer_timezone,
         (SELECT pp.territory_id FROM pickup_points pp WHERE pp.id = $3) AS pickup_point_territory_id,
         coalesce((SELECT array_agg(o.id) FROM transport_organisers o WHERE o.id = ANY($4::uuid[])), '{}')::text[]
           AS existing_transport_organiser_ids`,
      [season.partnershipId, season.consumerTerritoryId, season.pickupPointId, season.transportOrganiserIds],
    );
    return {
      partnershipTerritoryIds: row.partnership_territory_ids,
      consumerTimezone: row.consumer_timezone,
      pickupPointTerritoryId: row.pickup_point_territory_id,
      existingTransportOrganiserIds: row.existing_transport_organiser_ids,
    };
  }

  /** The season, its transport organisers and one cycle per month, in one transaction. */
  create(season: NewSeason, cycles: CycleDates[]): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const [{ id }] = await manager.query(
        `INSERT INTO seasons (partnership_id, name, producer_territory_id, consumer_territory_id, first_month, last_month,
                              currency, exchange_rate, pickup_point_id, lock_day, confirmation_days, loading_day,
                              reminder_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         RETURNING id`,
        [
          season.partnershipId,
          season.name,
          season.producerTerritoryId,
          season.consumerTerritoryId,
          season.firstMonth,
          season.lastMonth,
          season.currency,
          String(season.exchangeRate),
          season.pickupPointId,
          season.calendar.lockDay,
          season.calendar.confirmationDays,
          season.calendar.loadingDay,
          season.reminderDays,
        ],
      );
      await manager.query(
        `INSERT INTO season_transport_organisers (season_id, transport_organiser_id) SELECT $1, unnest($2::uuid[])`,
        [id, season.transportOrganiserIds],
      );
      await manager.query(
        `INSERT INTO cycles (season_id, month, locks_at, confirm_by, loading_date)
         SELECT $1, c.month, c.locks_at, c.confirm_by, c.loading_date
         FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::date[]) AS c(month, locks_at, confirm_by, loading_date)`,
        [
          id,
          cycles.map((c) => c.month),
          cycles.map((c) => c.locksAt.toISOString()),
          cycles.map((c) => c.confirmBy.toISOString()),
          cycles.map((c) => c.loadingDate),
        ],
      );
      return id as string;
    });
  }

  async findById(id: string): Promise<SeasonDto | null> {
    const [row] = await this.dataSource.query(`SELECT ${SEASON_COLUMNS} FROM seasons s WHERE s.id = $1`, [
      id,
    ]);
    return row ? toSeason(row) : null;
  }

  /** The seasons the actor takes part in (seasonReach), oldest first. */
  async page(actor: Actor, limit: number, offset: number): Promise<Page<SeasonDto>> {
    const reach = seasonReach(actor);
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${SEASON_COLUMNS} FROM seasons s WHERE ${SEASON_REACHED_SQL}
         ORDER BY s.created_at, s.id LIMIT $5 OFFSET $6`,
        [...reach, limit, offset],
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM seasons s WHERE ${SEASON_REACHED_SQL}`,
        reach,
      ),
    ]);
    return { items: rows.map(toSeason), total };
  }

  /**
   * The season with, for the organisations given, whether each takes part in it: the group is
   * enrolled, the cooperative has an offer, the transport organiser carries for it.
   */
  async facts(id: string, reach: ReachOf): Promise<SeasonFacts | null> {
    const [row] = await this.dataSource.query(SEASON_FACTS_SQL, [
      id,
      reach.consumerGroupId,
      reach.cooperativeId,
      reach.transportOrganiserId,
    ]);
    return row ? toSeasonFacts(row) : null;
  }

  async cycles(seasonId: string): Promise<SeasonCycleDto[]> {
    const rows: CycleRow[] = await this.dataSource.query(
      `SELECT c.id, c.season_id, c.month, c.status, c.locks_at, c.confirm_by, c.loading_date::text AS loading_date,
              c.charter_version, ct.timezone AS time_zone
       FROM cycles c JOIN seasons s ON s.id = c.season_id JOIN territories ct ON ct.id = s.consumer_territory_id
       WHERE c.season_id = $1 ORDER BY c.month`,
      [seasonId],
    );
    return rows.map(toCycle);
  }

  /** The territory of a consumer group, or null when there is no such group. */
  async groupTerritory(consumerGroupId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT territory_id FROM consumer_groups WHERE id = $1`, [
      consumerGroupId,
    ]);
    return row?.territory_id ?? null;
  }

  /** Enrols the group; null when it already is. */
  async enrol(seasonId: string, consumerGroupId: string): Promise<SeasonGroupDto | null> {
    const [row] = await this.dataSource.query(
      `WITH enrolled AS (
         INSERT INTO season_groups (season_id, consumer_group_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING
         RETURNING season_id, consumer_group_id, enrolled_at)
       SELECT e.season_id, e.consumer_group_id, e.enrolled_at, g.name
       FROM enrolled e JOIN consumer_groups g ON g.id = e.consumer_group_id`,
      [seasonId, consumerGroupId],
    );
    return row ? toGroup(row) : null;
  }

  async groups(seasonId: string, limit: number, offset: number): Promise<Page<SeasonGroupDto>> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT sg.season_id, sg.consumer_group_id, sg.enrolled_at, g.name
         FROM season_groups sg JOIN consumer_groups g ON g.id = sg.consumer_group_id
         WHERE sg.season_id = $1 ORDER BY sg.enrolled_at, sg.consumer_group_id LIMIT $2 OFFSET $3`,
        [seasonId, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM season_groups WHERE season_id = $1`, [
        seasonId,
      ]),
    ]);
    return { items: rows.map(toGroup), total };
  }
}

function toGroup(row: {
  season_id: string;
  consumer_group_id: string;
  enrolled_at: Date;
  name: string;
}): SeasonGroupDto {
  return {
    seasonId: row.season_id,
    consumerGroupId: row.consumer_group_id,
    name: row.name,
    enrolledAt: row.enrolled_at.toISOString(),
  };
}
