import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client, type Notification } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LiveSessions } from './domain/live-sessions';

/** The channel the triggers of migration 1763800017000 notify on. */
export const SESSION_CHANGES_CHANNEL = 'session_changes';
const SYNC_PREFIX = 'sync:';
/** How long after a lost or refused connection the listener tries again. */
export const SESSION_CHANGES_RETRY_MS = 1_000;
/** How often the listener proves it still hears notices, and how long it waits for its own. */
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 2_000;

/**
 * Hears every change to a session or user (LISTEN session_changes, sent by triggers when the
 * change commits) and keeps `cache`, this process's live sessions, true to them: a notice
 * makes it forget the users named. The cache may answer only while `listening`: the
 * connection lost, nothing is answered from memory (the database is asked) until it is back
 * and the cache has been emptied of whatever was remembered without being heard over.
 *
 * A connection can also die silently (a network cut without a reset): every HEARTBEAT_MS the
 * listener sends itself a notice and, if it does not come back within HEARTBEAT_TIMEOUT_MS,
 * counts the connection as lost. LIVE_SESSION_TTL_MS bounds what is left.
 */
@Injectable()
export class SessionChangesListener implements OnApplicationShutdown {
  readonly cache = new LiveSessions();
  private readonly logger = new Logger(SessionChangesListener.name);
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;
  private pid: number | undefined;
  /** How long to wait before connecting again; a test holds the listener off by raising it. */
  retryMs = SESSION_CHANGES_RETRY_MS;
  private readonly syncs = new Map<string, () => void>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether notices are being heard now, so that the cache may answer. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** The listening connection's server process, while there is one. */
  get backendPid(): number | undefined {
    return this.client ? this.pid : undefined;
  }

  /**
   * Starts listening, unless it is or is waiting to try again; started by the first request
   * that needs a session, so a worker never opens it.
   */
  start(): void {
    if (this.retry) return;
    this.connectNow();
  }

  private connectNow(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
    if (this.client || this.connecting || this.stopped) return;
    this.connecting = this.connect().finally(() => (this.connecting = undefined));
  }

  /**
   * Resolves once every notice committed before the call has been heard (PostgreSQL delivers
   * notices in commit order, and this one is committed after them). Listens first if it is not.
   * Rejects after timeoutMs. The heartbeat, and what a test waits on before it asks a replica.
   */
  async sync(timeoutMs = HEARTBEAT_TIMEOUT_MS): Promise<void> {
    this.connectNow();
    await this.connecting;
    const client = this.client;
    if (!client) throw new Error('not listening for session changes');
    const nonce = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<void>((resolve, reject) => {
      this.syncs.set(nonce, resolve);
      timer = setTimeout(() => reject(new Error('no notice came back')), timeoutMs);
    });
    try {
      await client.query('SELECT pg_notify($1, $2)', [SESSION_CHANGES_CHANNEL, SYNC_PREFIX + nonce]);
      await heard;
    } finally {
      clearTimeout(timer);
      this.syncs.delete(nonce);
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    if (client) this.lost(client);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'proxima-session-changes',
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    client.on('notification', (notice: Notification) => this.heard(notice.payload ?? '*'));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANGES_CHANNEL}`);
      this.pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    } catch (error) {
      this.logger.warn(
        `not listening for session changes (${(error as Error).message}); asking the database`,
      );
      client.end().catch(() => undefined);
      this.scheduleRetry();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    // Whatever was remembered before may have missed a notice.
    this.cache.clear();
    this.client = client;
    this.heartbeat = setInterval(() => {
      this.sync().catch(() => this.lost(client));
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private heard(payload: string): void {
    if (payload.startsWith(SYNC_PREFIX)) {
      this.syncs.get(payload.slice(SYNC_PREFIX.length))?.();
    } else if (payload === '*') {
      this.cache.clear();
    } else {
      this.cache.forgetUsers(new Set(payload.split(',')));
    }
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    this.cache.clear();
    client.removeAllListeners('notification');
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (!this.stopped) {
      this.logger.warn('lost the session changes connection; asking the database until it is back');
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connectNow();
    }, this.retryMs);
    this.retry.unref();
  }
}
