import { SessionChangesListener } from '../../src/sessions/session-changes.listener';
import { consumerGroup, cooperative, member, territory } from '../support/rows';
import { Api } from '../support/api';
import { account, adminToken, login, startTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/wait';

function claimsOf(token: string): { sub: string; sid: string } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

/**
 * Each API process keeps the sessions it has looked up in memory and forgets a user's the
 * moment PostgreSQL notifies a change to them (src/sessions/session-changes.listener.ts). Two
 * apps on one database: `t` makes the change, `replica` had the session in memory and must
 * act on the change at once. `sync()` waits until the replica has heard every notice committed
 * before it (the same round trip its heartbeat makes): the change's own notice travels the
 * replica's connection, a request to it (over inject, in this process) does not.
 */
describe('live sessions held in memory, forgotten on every change in every process', () => {
  let t: TestApp;
  let replica: TestApp;
  let api: Api;
  let other: Api;
  let admin: string;
  let territoryId: string;
  let groupId: string;
  let listener: SessionChangesListener;

  beforeAll(async () => {
    t = await startTestApp();
    replica = await startTestApp();
    api = new Api(t.app);
    other = new Api(replica.app);
    listener = replica.app.get(SessionChangesListener);
    admin = await adminToken(api, t.dataSource);
    territoryId = await territory(t.dataSource, 'BE', 'Europe/Brussels', 'EUR');
    groupId = await consumerGroup(t.dataSource, territoryId);
    await listener.sync();
  });
  afterAll(async () => {
    await replica.close();
    await t.close();
  });

  const inMemory = (token: string) => {
    const { sid, sub } = claimsOf(token);
    return listener.cache.get(sid, sub) !== undefined;
  };
  const ownGroup = (token: string) =>
    other.as(token).get('/consumer-groups/{id}', { params: { id: groupId } });
  /** The replica answers 200 and now holds the session in memory: the state a change must undo. */
  const heldByReplica = async (token: string) => {
    expect((await ownGroup(token)).status).toBe(200);
    expect(inMemory(token)).toBe(true);
  };

  it('answers from memory: the session row changed behind its back is not re-read until a notice', async () => {
    // The proof that memory answers: a row edited with notices off is not seen.
    const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
    await heldByReplica(user.token);
    await t.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`); // triggers off
      await m.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [claimsOf(user.token).sid]);
    });
    await listener.sync();
    expect((await ownGroup(user.token)).status).toBe(200);
    // Any notice for the user makes the replica ask again.
    await t.dataSource.query(`UPDATE users SET locale = locale WHERE id = $1`, [user.id]);
    await listener.sync();
    expect(inMemory(user.token)).toBe(false);
    expect((await ownGroup(user.token)).status).toBe(401);
  });

  it('logout on one process: the other answers 401', async () => {
    const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
    await heldByReplica(user.token);
    expect((await api.as(user.token).post('/auth/logout')).status).toBe(204);
    await listener.sync();
    expect(inMemory(user.token)).toBe(false);
    expect((await ownGroup(user.token)).status).toBe(401);
  });

  it('an admin’s deactivation and a new role: the other process refuses the old token', async () => {
    const off = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
    const demoted = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
    await heldByReplica(off.token);
    await heldByReplica(demoted.token);
    expect(
      (await api.as(admin).patch('/users/{id}', { params: { id: off.id }, body: { active: false } })).status,
    ).toBe(200);
    const memberId = await member(t.dataSource, groupId);
    expect(
      (
        await api
          .as(admin)
          .patch('/users/{id}', { params: { id: demoted.id }, body: { role: 'member', memberId } })
      ).status,
    ).toBe(200);
    await listener.sync();
    expect((await ownGroup(off.token)).status).toBe(401);
    expect((await ownGroup(demoted.token)).status).toBe(401);
  });

  it('a member who leaves its group: its login’s session ends on the other process', async () => {
    const coordinator = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
    const memberId = await member(t.dataSource, groupId);
    const login = await account(api, admin, 'member', { memberId });
    const mine = () => other.as(login.token).get('/me');
    expect((await mine()).status).toBe(200);
    expect(inMemory(login.token)).toBe(true);
    const left = await api.as(coordinator.token).patch('/consumer-groups/{id}/members/{memberId}', {
      params: { id: groupId, memberId },
      body: { active: false },
    });
    expect(left.status).toBe(200);
    await listener.sync();
    expect((await mine()).status).toBe(401);
  });

  it('a password change: the user’s other sessions end on the other process, the one changing stays', async () => {
    const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
    const second = await login(api, user.email, user.password);
    await heldByReplica(user.token);
    await heldByReplica(second);
    const changed = await api.as(user.token).put('/me/password', {
      body: {
        currentPassword: user.password,
        newPassword: 'a brand new passphrase 7',
      },
    });
    expect(changed.status).toBe(204);
    await listener.sync();
    expect((await ownGroup(second)).status).toBe(401);
    expect((await ownGroup(user.token)).status).toBe(200);
  });

  it('an operator’s SQL: a user moved to another cooperative acts for it at once; a deleted one gets 401', async () => {
    const first = await cooperative(t.dataSource, territoryId);
    const second = await cooperative(t.dataSource, territoryId);
    const user = await account(api, admin, 'cooperative', { cooperativeId: first });
    const coop = (id: string) => other.as(user.token).get('/cooperatives/{id}', { params: { id } });
    expect((await coop(first)).status).toBe(200);
    expect(inMemory(user.token)).toBe(true);
    // Not through the API: nothing in the application ends the session, only the trigger tells.
    await t.dataSource.query(`UPDATE users SET cooperative_id = $2 WHERE id = $1`, [user.id, second]);
    await listener.sync();
    expect((await coop(first)).status).toBe(404);
    expect((await coop(second)).status).toBe(200);

    await t.dataSource.query(`DELETE FROM users WHERE id = $1`, [user.id]);
    await listener.sync();
    expect((await coop(second)).status).toBe(401);
  });

  it('with its listening connection lost, a process asks the database on every request, then listens again', async () => {
    const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
    await heldByReplica(user.token);
    listener.retryMs = 600_000; // held off: the test decides when it listens again
    try {
      const pid = listener.backendPid;
      expect(pid).toEqual(expect.any(Number));
      await t.dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]);
      await until(
        'the listener to notice its connection is gone',
        5000,
        async () => (listener.listening ? undefined : true),
        {
          everyMs: 10,
        },
      );
      expect(listener.listening).toBe(false);
      expect(inMemory(user.token)).toBe(false);

      // Asked of the database, and not kept: no notice would tell the replica of a change.
      expect((await ownGroup(user.token)).status).toBe(200);
      expect(listener.cache.size).toBe(0);
      await t.dataSource.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`); // not even a notice
        await m.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [claimsOf(user.token).sid]);
      });
      expect((await ownGroup(user.token)).status).toBe(401);
    } finally {
      listener.retryMs = 1_000;
    }
    await listener.sync(); // listens again
    expect(listener.listening).toBe(true);
    const fresh = await login(api, user.email, user.password);
    await heldByReplica(fresh);
  });
});

describe('live sessions with Redis down', () => {
  // Signing in needs Redis (its limits are counted there): tokens come from `up`. The change is
  // made on `down` and seen by `downReplica`, neither of which can reach Redis (nothing listens
  // on port 9).
  let up: TestApp;
  let down: TestApp;
  let downReplica: TestApp;

  beforeAll(async () => {
    up = await startTestApp();
    down = await startTestApp({ redisUrl: 'redis://127.0.0.1:9' });
    downReplica = await startTestApp({ redisUrl: 'redis://127.0.0.1:9' });
  });
  afterAll(async () => {
    await downReplica.close();
    await down.close();
    await up.close();
  });

  it('are held in memory and forgotten on a change, as with Redis up', async () => {
    const api = new Api(up.app);
    const admin = await adminToken(api, up.dataSource);
    const groupId = await consumerGroup(
      up.dataSource,
      await territory(up.dataSource, 'BE', 'Europe/Brussels', 'EUR'),
    );
    const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
    const listener = downReplica.app.get(SessionChangesListener);
    await listener.sync();
    const ownGroup = () =>
      new Api(downReplica.app).as(user.token).get('/consumer-groups/{id}', { params: { id: groupId } });
    expect((await ownGroup()).status).toBe(200);
    const { sid, sub } = claimsOf(user.token);
    expect(listener.cache.get(sid, sub)).toBeDefined();
    const off = await new Api(down.app)
      .as(admin)
      .patch('/users/{id}', { params: { id: user.id }, body: { active: false } });
    expect(off.status).toBe(200);
    await listener.sync();
    expect((await ownGroup()).status).toBe(401);
  });
});
