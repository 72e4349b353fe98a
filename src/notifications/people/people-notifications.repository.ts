import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { returningRows } from '../../common/database/returning';
import { atLeastWorkMem } from '../../common/database/work-mem';
import { COUNTRY_LOCALES } from '../domain/person-locale';
import type { CycleEventKind, PeopleEventFailure } from './people-events';

/**
 * The fan-outs of the notifications to people: each event is ONE `INSERT … SELECT` into the
 * outbox, whatever the number of recipients. Every statement takes $1 = the kind and $2 = the
 * country → language map, and builds a `recipients` CTE of (dedupe_key, cycle_id,
 * recipient_type, recipient_id, target, payload); the payload is the kind, the recipient's
 * locale, whose preference an unsubscribe changes, and the message's data (the text is written
 * at sending, domain/person-messages.ts). The dedupe key is kind : cycle : recipient, so an
 * event handled twice writes nothing the second time; a recipient who muted the kind gets no row.
 */

/**
 * A member's login, if it has one (its e-mail, language and muted kinds win over the member
 * record's): the first active one, read for all members at once as one hash join rather than
 * probed per member.
 */
const MEMBER_LOGIN = `
  LEFT JOIN (SELECT DISTINCT ON (member_id) member_id, id, email, locale, muted_notifications FROM users
              WHERE member_id IS NOT NULL AND active ORDER BY member_id, created_at, id) u ON u.member_id = m.id`;
/** An active member (one who left gets nothing) that has not muted the kind. */
const MEMBER_NOT_MUTED = `m.active AND NOT ($1::text = ANY (coalesce(u.muted_notifications, m.muted_notifications)))`;
const MEMBER_UNSUBSCRIBE = `jsonb_build_object('type', CASE WHEN u.id IS NULL THEN 'member' ELSE 'user' END,
                                               'id', coalesce(u.id, m.id))`;
/**
 * Each territory's language, looked up once per statement rather than once per recipient;
 * `t` is the territory of the recipient's group or cooperative.
 */
const TERRITORY_LOCALES = `
  territory_locales AS MATERIALIZED (
    SELECT id, coalesce($2::jsonb ->> country_code, 'en') AS locale FROM territories)`;
const LOCALE = (user: string) => `coalesce(${user}.locale, t.locale)`;

function memberPayload(data: string): string {
  return `jsonb_build_object('kind', $1::text, 'locale', ${LOCALE('u')}, 'unsubscribe', ${MEMBER_UNSUBSCRIBE},
                             'data', ${data})`;
}

function userPayload(data: string): string {
  return `jsonb_build_object('kind', $1::text, 'locale', ${LOCALE('u')},
                             'unsubscribe', jsonb_build_object('type', 'user', 'id', u.id), 'data', ${data})`;
}

/** The coordinators of group `g` (in territory `t`) who have not muted the kind. */
const COORDINATORS = `
  JOIN users u ON u.consumer_group_id = g.id AND u.role = 'coordinator' AND u.active
                  AND NOT ($1::text = ANY (u.muted_notifications))`;

const INSERT_RECIPIENTS = `
  INSERT INTO notifications (dedupe_key, channel, cycle_id, recipient_type, recipient_id, target, payload)
  SELECT r.dedupe_key, 'email', r.cycle_id, r.recipient_type, r.recipient_id, r.target, r.payload FROM recipients r
  ON CONFLICT (dedupe_key) DO NOTHING
  RETURNING id`;

/** The season and month of cycle $3. */
const CYCLE = `
  cy AS (SELECT c.id, c.month, c.season_id, s.name AS season, to_char(c.loading_date, 'YYYY-MM-DD') AS loading_date
           FROM cycles c JOIN seasons s ON s.id = c.season_id WHERE c.id = $3::uuid)`;

const SQL: Record<CycleEventKind, string> = {
  'cycle.locked': `
    WITH ${CYCLE}, ${TERRITORY_LOCALES},
    commitments AS (
      SELECT cc.consumer_group_id,
             jsonb_agg(jsonb_build_object('product', p.name, 'unit', p.unit, 'cooperative', k.name, 'quantity', cc.quantity)
                       ORDER BY p.name, k.name) AS lines
        FROM collective_commitments cc
        JOIN offers o ON o.id = cc.offer_id JOIN products p ON p.id = o.product_id
        JOIN cooperatives k ON k.id = o.cooperative_id
       WHERE cc.cycle_id = $3 AND cc.quantity > 0
       GROUP BY cc.consumer_group_id),
    unpledged AS (
      SELECT m.consumer_group_id, jsonb_agg(m.name ORDER BY m.name) AS names
        FROM cy JOIN season_groups sg ON sg.season_id = cy.season_id
        JOIN members m ON m.consumer_group_id = sg.consumer_group_id AND m.active
       WHERE NOT EXISTS (SELECT 1 FROM member_pledges mp
                          WHERE mp.cycle_id = $3 AND mp.member_id = m.id AND mp.quantity > 0)
       GROUP BY m.consumer_group_id),
    recipients AS (
      SELECT $1 || ':' || cy.id || ':user:' || u.id AS dedupe_key, cy.id AS cycle_id, 'user' AS recipient_type,
             u.id AS recipient_id, u.email AS target,
             ${userPayload(`jsonb_build_object('group', g.name, 'season', cy.season, 'seasonId', cy.season_id,
                                               'month', cy.month, 'lines', coalesce(k.lines, '[]'),
                                               'unpledged', coalesce(n.names, '[]'))`)} AS payload
        FROM cy JOIN season_groups sg ON sg.season_id = cy.season_id
        JOIN consumer_groups g ON g.id = sg.consumer_group_id
        JOIN territory_locales t ON t.id = g.territory_id
        ${COORDINATORS}
        LEFT JOIN commitments k ON k.consumer_group_id = g.id
        LEFT JOIN unpledged n ON n.consumer_group_id = g.id)
    ${INSERT_RECIPIENTS}`,

  // Set-based and built once per offer: each offer's facts are one jsonb (the CTE materialised,
  // so the violations are read per offer, not per member line), stored once for the cycle in
  // notification_facts as an array in the order of the products' names. A member's line is
  // [the offer's place in that array, pledged, allocated] (domain/shared-facts.ts puts the
  // facts back at sending). A rerun finds the facts written and builds nothing.
  // docs/PERFORMANCE.md, decisions 16 and 17.
  'cycle.allocated': `
    WITH ${CYCLE}, ${TERRITORY_LOCALES},
    offer_facts AS MATERIALIZED (
      SELECT co.offer_id, (row_number() OVER (ORDER BY p.name, co.offer_id) - 1)::int AS place,
             jsonb_build_object('offerId', co.offer_id, 'product', p.name, 'unit', p.unit, 'cooperative', k.name,
                                'excluded', co.excluded,
                                'rules', coalesce((SELECT jsonb_agg(DISTINCT v.rule) FROM cycle_violations v
                                                    WHERE v.cycle_id = co.cycle_id AND NOT v.waived AND v.effect = 'exclude'
                                                      AND ((v.subject_type = 'offer' AND v.subject_id = co.offer_id::text)
                                                           OR (v.subject_type = 'cooperative'
                                                               AND v.subject_id = co.cooperative_id::text))),
                                                  '[]'),
                                'exportCap', co.export_cap, 'confirmed', co.confirmed, 'demand', co.demand) AS facts
        FROM cycle_offers co
        JOIN offers o ON o.id = co.offer_id JOIN products p ON p.id = o.product_id
        JOIN cooperatives k ON k.id = co.cooperative_id
       WHERE co.cycle_id = $3),
    -- The facts as the first run wrote them: messages already written keep reading what they said.
    shared AS (
      INSERT INTO notification_facts (cycle_id, kind, facts)
      SELECT $3, $1, jsonb_agg(facts ORDER BY place) FROM offer_facts HAVING count(*) > 0
      ON CONFLICT (cycle_id, kind) DO NOTHING),
    lines AS (
      -- a two-dimensional bigint array turned into jsonb once: a quarter cheaper than a jsonb per line
      SELECT ma.member_id, to_jsonb(array_agg(ARRAY[f.place, ma.pledged, ma.allocated] ORDER BY f.place)) AS lines
        FROM member_allocations ma JOIN (SELECT offer_id, place FROM offer_facts) f ON f.offer_id = ma.offer_id
       WHERE ma.cycle_id = $3 AND ma.pledged > 0
       GROUP BY ma.member_id),
    recipients AS (
      SELECT $1 || ':' || cy.id || ':member:' || m.id AS dedupe_key, cy.id AS cycle_id, 'member' AS recipient_type,
             m.id AS recipient_id, coalesce(u.email, m.email) AS target,
             ${memberPayload(`jsonb_build_object('name', m.name, 'season', cy.season, 'seasonId', cy.season_id,
                                                 'month', cy.month, 'lines', l.lines)`)} AS payload
        FROM cy CROSS JOIN lines l
        JOIN members m ON m.id = l.member_id
        JOIN consumer_groups g ON g.id = m.consumer_group_id
        JOIN territory_locales t ON t.id = g.territory_id
        ${MEMBER_LOGIN}
       WHERE ${MEMBER_NOT_MUTED}
         -- The event's facts and all its messages are written by one statement: once the facts
         -- exist, a rerun has nothing to write (and the outbox's dedupe keys still refuse one).
         AND NOT EXISTS (SELECT 1 FROM notification_facts nf WHERE nf.cycle_id = cy.id AND nf.kind = $1))
    ${INSERT_RECIPIENTS}`,

  'cycle.dispatched': `
    WITH ${CYCLE}, ${TERRITORY_LOCALES},
    stops AS (
      SELECT st.consumer_group_id,
             jsonb_agg(jsonb_build_object(
               'carrier', org.name, 'vehicle', v.name, 'mode', sh.mode, 'stop', st.stop_order,
               'stops', (SELECT count(*) FROM shipment_stops x WHERE x.shipment_id = sh.id),
               'goods', (SELECT coalesce(jsonb_agg(jsonb_build_object('product', p.name, 'unit', p.unit,
                                                                      'units', sl.units, 'packages', sl.packages)
                                                   ORDER BY p.name), '[]')
                           FROM shipment_lines sl JOIN offers o ON o.id = sl.offer_id
                           JOIN products p ON p.id = o.product_id
                          WHERE sl.shipment_id = sh.id AND sl.consumer_group_id = st.consumer_group_id))
               ORDER BY sh.created_at, sh.id) AS shipments
        FROM shipments sh
        JOIN shipment_stops st ON st.shipment_id = sh.id
        JOIN vehicles v ON v.id = sh.vehicle_id
        JOIN transport_organisers org ON org.id = sh.transport_organiser_id
       WHERE sh.cycle_id = $3
       GROUP BY st.consumer_group_id),
    recipients AS (
      SELECT $1 || ':' || cy.id || ':user:' || u.id AS dedupe_key, cy.id AS cycle_id, 'user' AS recipient_type,
             u.id AS recipient_id, u.email AS target,
             ${userPayload(`jsonb_build_object('group', g.name, 'season', cy.season, 'month', cy.month,
                                               'loadingDate', cy.loading_date,
                                               'dropPoint', g.drop_point_name || ', ' || g.drop_point_address,
                                               'shipments', st.shipments)`)} AS payload
        FROM cy CROSS JOIN stops st
        JOIN consumer_groups g ON g.id = st.consumer_group_id
        JOIN territory_locales t ON t.id = g.territory_id
        ${COORDINATORS})
    ${INSERT_RECIPIENTS}`,

  'statement.ready': `
    WITH ${CYCLE}, ${TERRITORY_LOCALES},
    recipients AS (
      SELECT $1 || ':' || cy.id || ':member:' || m.id AS dedupe_key, cy.id AS cycle_id, 'member' AS recipient_type,
             m.id AS recipient_id, coalesce(u.email, m.email) AS target,
             ${memberPayload(`jsonb_build_object('to', 'member', 'name', m.name, 'season', cy.season, 'month', cy.month,
                                                 'currency', ms.currency, 'goodsMinor', ms.goods_minor,
                                                 'transportMinor', ms.transport_minor, 'totalMinor', ms.total_minor)`)}
               AS payload
        FROM cy JOIN member_statements ms ON ms.cycle_id = cy.id
        JOIN members m ON m.id = ms.member_id
        JOIN consumer_groups g ON g.id = m.consumer_group_id
        JOIN territory_locales t ON t.id = g.territory_id
        ${MEMBER_LOGIN}
       WHERE ${MEMBER_NOT_MUTED}
      UNION ALL
      SELECT $1 || ':' || cy.id || ':user:' || u.id, cy.id, 'user', u.id, u.email,
             ${userPayload(`jsonb_build_object('to', 'cooperative', 'name', k.name, 'season', cy.season,
                                               'month', cy.month, 'currency', cs.currency, 'dueMinor', cs.due_minor,
                                               'producerCurrency', cs.producer_currency,
                                               'dueProducerMinor', cs.due_producer_minor)`)}
        FROM cy JOIN cooperative_statements cs ON cs.cycle_id = cy.id
        JOIN cooperatives k ON k.id = cs.cooperative_id
        JOIN territory_locales t ON t.id = k.territory_id
        JOIN users u ON u.cooperative_id = k.id AND u.role = 'cooperative' AND u.active
                        AND NOT ($1::text = ANY (u.muted_notifications))
      UNION ALL
      -- a cooperative without a login: its contact address, in its territory's language
      SELECT $1 || ':' || cy.id || ':cooperative:' || k.id, cy.id, 'cooperative', k.id, k.contact_email,
             jsonb_build_object('kind', $1::text, 'locale', t.locale,
                                'unsubscribe', NULL,
                                'data', jsonb_build_object('to', 'cooperative', 'name', k.name, 'season', cy.season,
                                                           'month', cy.month, 'currency', cs.currency,
                                                           'dueMinor', cs.due_minor,
                                                           'producerCurrency', cs.producer_currency,
                                                           'dueProducerMinor', cs.due_producer_minor))
        FROM cy JOIN cooperative_statements cs ON cs.cycle_id = cy.id
        JOIN cooperatives k ON k.id = cs.cooperative_id
        JOIN territory_locales t ON t.id = k.territory_id
       WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.cooperative_id = k.id AND u.role = 'cooperative' AND u.active))
    ${INSERT_RECIPIENTS}`,
};

/** Members of enrolled groups of every open cycle that locks within its season's reminderDays of $3 (now). */
const CLOSING_SQL = `
  WITH ${TERRITORY_LOCALES},
  due AS (
    SELECT c.id, c.month, c.locks_at, c.season_id, s.name AS season, ct.timezone
      FROM cycles c JOIN seasons s ON s.id = c.season_id
      JOIN territories ct ON ct.id = s.consumer_territory_id
     WHERE c.status = 'open' AND s.reminder_days > 0
       AND $3::timestamptz >= c.locks_at - make_interval(days => s.reminder_days) AND $3::timestamptz < c.locks_at),
  pledges AS (
    SELECT mp.cycle_id, mp.member_id,
           jsonb_agg(jsonb_build_object('product', p.name, 'unit', p.unit, 'cooperative', k.name, 'quantity', mp.quantity)
                     ORDER BY p.name, k.name) AS lines
      FROM due d JOIN member_pledges mp ON mp.cycle_id = d.id
      JOIN offers o ON o.id = mp.offer_id JOIN products p ON p.id = o.product_id
      JOIN cooperatives k ON k.id = o.cooperative_id
     WHERE mp.quantity > 0
     GROUP BY mp.cycle_id, mp.member_id),
  recipients AS (
    SELECT $1 || ':' || d.id || ':member:' || m.id AS dedupe_key, d.id AS cycle_id, 'member' AS recipient_type,
           m.id AS recipient_id, coalesce(u.email, m.email) AS target,
           ${memberPayload(`jsonb_build_object('name', m.name, 'season', d.season, 'seasonId', d.season_id,
                                               'month', d.month, 'locksAt', to_char(d.locks_at AT TIME ZONE 'UTC',
                                                                                    'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                               'timeZone', d.timezone, 'lines', coalesce(pl.lines, '[]'))`)} AS payload
      FROM due d JOIN season_groups sg ON sg.season_id = d.season_id
      JOIN consumer_groups g ON g.id = sg.consumer_group_id
      JOIN territory_locales t ON t.id = g.territory_id
      JOIN members m ON m.consumer_group_id = g.id
      ${MEMBER_LOGIN}
      LEFT JOIN pledges pl ON pl.cycle_id = d.id AND pl.member_id = m.id
     WHERE ${MEMBER_NOT_MUTED})
  ${INSERT_RECIPIENTS}`;

/**
 * Coordinators of groups that were shipped goods in a dispatched cycle and have not reported
 * what arrived, once $4 days have passed since the start of the loading date (producer time
 * zone) at $3 (now).
 */
const RECEIPT_DUE_SQL = `
  WITH ${TERRITORY_LOCALES},
  due AS (
    SELECT c.id, c.month, to_char(c.loading_date, 'YYYY-MM-DD') AS loading_date, s.name AS season
      FROM cycles c JOIN seasons s ON s.id = c.season_id
      JOIN territories pt ON pt.id = s.producer_territory_id
     WHERE c.status = 'dispatched'
       AND $3::timestamptz >= (c.loading_date::timestamp AT TIME ZONE pt.timezone) + make_interval(days => $4::int)),
  waiting AS (
    SELECT DISTINCT d.id, d.month, d.loading_date, d.season, sl.consumer_group_id
      FROM due d JOIN shipment_lines sl ON sl.cycle_id = d.id
     WHERE NOT EXISTS (SELECT 1 FROM group_receipts gr
                        WHERE gr.cycle_id = d.id AND gr.consumer_group_id = sl.consumer_group_id)),
  recipients AS (
    SELECT $1 || ':' || w.id || ':user:' || u.id AS dedupe_key, w.id AS cycle_id, 'user' AS recipient_type,
           u.id AS recipient_id, u.email AS target,
           ${userPayload(`jsonb_build_object('group', g.name, 'season', w.season, 'month', w.month,
                                             'loadingDate', w.loading_date, 'cycleId', w.id)`)} AS payload
      FROM waiting w
      JOIN consumer_groups g ON g.id = w.consumer_group_id
      JOIN territory_locales t ON t.id = g.territory_id
      ${COORDINATORS})
  ${INSERT_RECIPIENTS}`;

const LOCALE_MAP = JSON.stringify(COUNTRY_LOCALES);

/**
 * A fan-out's transaction sorts and hashes one row per recipient: at 100,000 members the default
 * 4 MB spilled both to disk. docs/PERFORMANCE.md, decision 17.
 */
export const FAN_OUT_WORK_MEM = '64MB';

@Injectable()
export class PeopleNotificationsRepository {
  /** Writes the messages of a cycle event (lock, allocation, dispatch, settlement); returns the new ids. */
  async fanOut(m: EntityManager, kind: CycleEventKind, cycleId: string): Promise<string[]> {
    const { sql, parameters } = this.fanOutStatement(kind, cycleId);
    await atLeastWorkMem(m, FAN_OUT_WORK_MEM);
    const rows: { id: string }[] = await m.query(sql, parameters);
    return rows.map((row) => row.id);
  }

  /** The one statement of an event's fan-out, for fanOut and for the benchmark's EXPLAIN ANALYZE. */
  fanOutStatement(kind: CycleEventKind, cycleId: string): { sql: string; parameters: unknown[] } {
    return { sql: SQL[kind], parameters: [kind, LOCALE_MAP, cycleId] };
  }

  /** Records a stage's events in its transaction (people_events); recording one twice is a no-op. */
  async recordEvents(m: EntityManager, cycleId: string, kinds: readonly CycleEventKind[]): Promise<void> {
    if (kinds.length === 0) return;
    await m.query(
      `INSERT INTO people_events (cycle_id, kind) SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING`,
      [cycleId, kinds],
    );
  }

  /**
   * Takes a recorded event in the transaction that writes its messages: true when it was still
   * to write. A second job for the same event waits for the first's commit and finds nothing.
   */
  async takeEvent(m: EntityManager, cycleId: string, kind: CycleEventKind): Promise<boolean> {
    const rows = await returningRows(
      m,
      `DELETE FROM people_events WHERE cycle_id = $1 AND kind = $2 RETURNING kind`,
      [cycleId, kind],
    );
    return rows.length > 0;
  }

  /**
   * Events recorded more than `olderThanSeconds` ago and still not written, oldest first. Their
   * kind is as stored: a worker of an older version may not know it (writeEvent refuses it).
   */
  staleEvents(m: EntityManager, olderThanSeconds: number): Promise<{ cycleId: string; kind: string }[]> {
    return m.query(
      `SELECT cycle_id AS "cycleId", kind FROM people_events
        WHERE created_at < now() - make_interval(secs => $1) ORDER BY created_at, cycle_id, kind`,
      [olderThanSeconds],
    );
  }

  /** Counts a failed attempt at writing an event's messages and keeps its cause. */
  async recordEventFailure(
    m: EntityManager,
    cycleId: string,
    kind: string,
    failure: PeopleEventFailure,
  ): Promise<void> {
    await m.query(
      `UPDATE people_events SET failures = failures + 1, last_error = $3::jsonb
        WHERE cycle_id = $1 AND kind = $2`,
      [cycleId, kind, JSON.stringify(failure)],
    );
  }

  /** The reminders due at `now` (cycle.closing), for every cycle at once. */
  async closingReminders(m: EntityManager, now: Date): Promise<string[]> {
    const rows: { id: string }[] = await m.query(CLOSING_SQL, ['cycle.closing', LOCALE_MAP, now]);
    return rows.map((row) => row.id);
  }

  /** The receipts overdue at `now` (cycle.receipt_due), `days` after loading. */
  async receiptsDue(m: EntityManager, now: Date, days: number): Promise<string[]> {
    const rows: { id: string }[] = await m.query(RECEIPT_DUE_SQL, [
      'cycle.receipt_due',
      LOCALE_MAP,
      now,
      days,
    ]);
    return rows.map((row) => row.id);
  }

  /** Adds `kind` to the muted kinds of a member (without a login) or a user; false when there is none. */
  async mute(m: EntityManager, who: { type: 'member' | 'user'; id: string }, kind: string): Promise<boolean> {
    const table = who.type === 'member' ? 'members' : 'users';
    const rows = await returningRows(
      m,
      `UPDATE ${table}
          SET muted_notifications = CASE WHEN $2 = ANY (muted_notifications) THEN muted_notifications
                                         ELSE array_append(muted_notifications, $2) END
        WHERE id = $1
      RETURNING id`,
      [who.id, kind],
    );
    return rows.length > 0;
  }
}
