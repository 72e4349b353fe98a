import { Api, type Invalid, type RequestBody } from '../support/api';
import { adminToken, login, startTestApp, unique, userToken, type TestApp } from '../support/test-app';
import { consumerGroup, cooperative, member, territory, transportOrganiser } from '../support/rows';

const PASSWORD = 'correct horse battery';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type NewUser = RequestBody<'/users', 'post'>;

describe('users', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let groupId: string;
  let memberId: string;
  let cooperativeId: string;
  let organiserId: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    const jette = await territory(t.dataSource, 'BE', 'Europe/Brussels', 'EUR');
    groupId = await consumerGroup(t.dataSource, jette);
    memberId = await member(t.dataSource, groupId);
    cooperativeId = await cooperative(t.dataSource, jette);
    organiserId = await transportOrganiser(t.dataSource);
  });
  afterAll(() => t.close());

  /** Users with this email, whatever its case (other test files add users at the same time). */
  async function usersWith(email: unknown): Promise<number> {
    const [row] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)',
      [String(email)],
    );
    return row.n;
  }

  const user = (extra: Partial<NewUser> = {}): NewUser => ({
    email: `${unique('user')}@test.example`,
    password: PASSWORD,
    role: 'admin',
    ...extra,
  });

  function expectNoSecret(reply: { text: string }, password = PASSWORD) {
    expect(reply.text).not.toContain(password);
    expect(reply.text).not.toMatch(/"password(Hash|_hash)?"\s*:|\$argon2/);
  }

  const links = () => ({
    admin: {},
    coordinator: { consumerGroupId: groupId },
    member: { memberId },
    cooperative: { cooperativeId },
    transporter: { transportOrganiserId: organiserId },
  });

  it.each(['admin', 'coordinator', 'member', 'cooperative', 'transporter'] as const)(
    'creates a %s with its link, who can then log in',
    async (role) => {
      const body = user({ role, ...links()[role] });
      expect(await usersWith(body.email)).toBe(0);
      const created = await api.as(admin).post('/users', { body });
      expect(created.status).toBe(201);
      expectNoSecret(created);
      const expected = {
        id: expect.any(String),
        email: body.email,
        role,
        consumerGroupId: null,
        memberId: null,
        cooperativeId: null,
        transportOrganiserId: null,
        ...links()[role],
        // A member's group comes from its member record.
        ...(role === 'member' ? { consumerGroupId: groupId } : {}),
      };
      expect(created.body).toEqual(expected);
      expect(await usersWith(body.email)).toBe(1);
      const [row] = await t.dataSource.query(
        'SELECT role, consumer_group_id, password_hash FROM users WHERE id = $1',
        [created.body.id],
      );
      expect(row.role).toBe(role);
      expect(row.consumer_group_id).toBe(expected.consumerGroupId);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(PASSWORD);

      const loggedIn = await api
        .anonymous()
        .post('/auth/login', { body: { email: body.email, password: PASSWORD } });
      expect(loggedIn.status).toBe(200);
      expect(loggedIn.body.user).toEqual(expected);
    },
  );

  it.each([
    ['coordinator', {}, 'consumerGroupId is required for role coordinator'],
    ['member', {}, 'memberId is required for role member'],
    ['cooperative', {}, 'cooperativeId is required for role cooperative'],
    ['transporter', {}, 'transportOrganiserId is required for role transporter'],
    ['admin', { cooperativeId: UNKNOWN_ID }, 'cooperativeId must not be set for role admin'],
    ['coordinator', { consumerGroupId: UNKNOWN_ID, memberId: UNKNOWN_ID }, 'memberId must not be set'],
    [
      'member',
      { memberId: UNKNOWN_ID, consumerGroupId: UNKNOWN_ID },
      'consumerGroupId must not be set for role member',
    ],
    [
      'cooperative',
      { cooperativeId: UNKNOWN_ID, transportOrganiserId: UNKNOWN_ID },
      'transportOrganiserId must not',
    ],
    [
      'transporter',
      { transportOrganiserId: UNKNOWN_ID, cooperativeId: UNKNOWN_ID },
      'cooperativeId must not be set',
    ],
  ])('refuses a %s with links %j: %s', async (role, given, message) => {
    const body = user({ role, ...given } as Invalid);
    const reply = await api.as(admin).post('/users', { body });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining(message),
    });
    expect(await usersWith(body.email)).toBe(0);
  });

  it.each([
    ['coordinator', 'consumerGroupId', 'no such consumer group'],
    ['member', 'memberId', 'no such member'],
    ['cooperative', 'cooperativeId', 'no such cooperative'],
    ['transporter', 'transportOrganiserId', 'no such transport organiser'],
  ])('refuses a %s linked to an unknown %s', async (role, link, reason) => {
    const body = user({ role, [link]: UNKNOWN_ID } as Invalid);
    const reply = await api.as(admin).post('/users', { body });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe(`${link}: ${reason}`);
    expect(await usersWith(body.email)).toBe(0);
  });

  it.each([
    [{ password: 'short' }, 'password'],
    [{ password: 'x'.repeat(201) }, 'password'],
    [{ password: undefined }, 'password'],
    [{ email: 'not-an-email' }, 'email'],
    [{ email: undefined }, 'email'],
    [{ role: 'superuser' }, 'role'],
    [{ cooperativeId: 'not-a-uuid', role: 'cooperative' }, 'cooperativeId'],
    [{ isAdmin: true }, 'isAdmin'],
    [{ passwordHash: '$argon2id$v=19$whatever' }, 'passwordHash'],
  ])('refuses %j naming %s', async (change, field) => {
    const body = user(change as Invalid);
    const reply = await api.as(admin).post('/users', { body });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain(field);
    expectNoSecret(reply);
    expect(await usersWith(body.email)).toBe(0);
  });

  it('refuses a duplicate email whatever its case with 409, writing nothing', async () => {
    const email = `${unique('Dup')}@Test.Example`;
    expect((await api.as(admin).post('/users', { body: user({ email }) })).status).toBe(201);
    for (const again of [email, email.toLowerCase(), email.toUpperCase()]) {
      const reply = await api
        .as(admin)
        .post('/users', { body: user({ email: again, role: 'cooperative', cooperativeId }) });
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(reply.body.message).toContain('email');
    }
    expect(await usersWith(email)).toBe(1);
    // Logging in works whatever the case of the email typed.
    expect(await login(api, email.toUpperCase(), PASSWORD)).toEqual(expect.any(String));
  });

  it('needs a token, and the admin role', async () => {
    const body = user();
    expect((await api.anonymous().post('/users', { body })).status).toBe(401);
    for (const [role, link] of Object.entries(links())) {
      if (role === 'admin') continue;
      const token = await userToken(api, admin, role as 'cooperative', link);
      const reply = await api.as(token).post('/users', { body });
      expect(reply.status).toBe(403);
      expect(reply.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    }
    expect(await usersWith(body.email)).toBe(0);
  });
});
