import type { Actor } from '../../common/auth/actor';

/** How long a looked-up session is trusted without asking the database again, at most. */
export const LIVE_SESSION_TTL_MS = 10_000;
/** How many sessions are remembered; the oldest is forgotten first. */
export const LIVE_SESSIONS_MAX = 10_000;

interface Entry {
  actor: Actor;
  /** ms since the epoch: the earlier of the session's own expiry and the TTL */
  until: number;
}

/**
 * The live sessions this process has looked up, session id → actor. Correct only while every
 * change to a session or user is heard (SessionChangesListener): `forgetUsers` and `clear` are
 * called on each notice and whenever the listener loses its connection.
 *
 * A lookup races with a change: the row is read as it was, the change commits and its notice
 * arrives, then the stale answer would be stored. `generation` counts every forgetting, and an
 * answer is stored only if no forgetting happened since its lookup began (`remember(…, since)`).
 */
export class LiveSessions {
  private readonly entries = new Map<string, Entry>();
  /** user or session id → until when (ms) it is neither answered nor stored */
  private readonly held = new Map<string, number>();
  private forgettings = 0;

  constructor(
    private readonly ttlMs = LIVE_SESSION_TTL_MS,
    private readonly max = LIVE_SESSIONS_MAX,
    private readonly now: () => number = Date.now,
  ) {}

  /** The actor of a session remembered for this user and still within its bounds, else undefined. */
  get(sessionId: string, userId: string): Actor | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (this.isHeld(sessionId, userId)) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(sessionId);
      return undefined;
    }
    // A token names its user and its session: both must match what was looked up.
    return entry.actor.userId === userId ? { ...entry.actor } : undefined;
  }

  /** Marks the start of a lookup: pass it to `remember`. */
  get generation(): number {
    return this.forgettings;
  }

  /** Stores a looked-up actor unless something was forgotten since `since`; false when not stored. */
  remember(actor: Actor & { sessionId: string }, sessionExpiresAt: Date, since: number): boolean {
    if (since !== this.forgettings || this.isHeld(actor.sessionId, actor.userId)) return false;
    const until = Math.min(this.now() + this.ttlMs, sessionExpiresAt.getTime());
    if (until <= this.now()) return false;
    this.entries.delete(actor.sessionId);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(actor.sessionId, { actor: { ...actor }, until });
    return true;
  }

  /** Forgets every session of these users. */
  forgetUsers(userIds: ReadonlySet<string>): void {
    this.forgettings += 1;
    for (const [sessionId, entry] of this.entries) {
      if (userIds.has(entry.actor.userId)) this.entries.delete(sessionId);
    }
  }

  /**
   * Forgets these users' or sessions' entries and keeps them out for the TTL: called by the
   * process that is changing them, before its change commits. Its notice comes back only
   * after the commit, and a request in between must not be answered from memory, nor store
   * the row it reads as it was. Held for the TTL, longer than any such change takes.
   */
  hold(ids: readonly string[]): void {
    const now = this.now();
    for (const [id, until] of this.held) if (until <= now) this.held.delete(id);
    for (const id of ids) this.held.set(id, now + this.ttlMs);
    this.forgetUsers(new Set(ids));
    for (const [sessionId] of this.entries) if (this.held.has(sessionId)) this.entries.delete(sessionId);
  }

  private isHeld(sessionId: string, userId: string): boolean {
    if (this.held.size === 0) return false;
    const now = this.now();
    for (const id of [sessionId, userId]) {
      const until = this.held.get(id);
      if (until === undefined) continue;
      if (until > now) return true;
      this.held.delete(id);
    }
    return false;
  }

  /** Forgets everything. */
  clear(): void {
    this.forgettings += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
