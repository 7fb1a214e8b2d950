import fc from 'fast-check';
import { bearer, startTestApp, TestApp } from './harness';
import { addMember, inviteToken, MEMBER_PASSWORD, ownerSession, Session } from './fixtures';
import { unique } from './routes';

/**
 * No escalation, as a property. Random actors (the Owner; members holding
 * random built-in and custom roles; restricted keys holding random
 * permissions) run random sequences of every operation that hands out a
 * secret or changes a grant: key create, PATCH and roll, role create and
 * PATCH, member roles, invitations (create, renew) and accepting them. Each
 * actor keeps what it obtains: the secrets of keys it created or rolled, the
 * invitation links it was given, the accounts it made by accepting them.
 *
 * After every step, what each of those credentials holds is read from the
 * API (whoami for a key, /me for an account, the invitation's roles for a
 * link), and every permission one gained must be one the actor who took the
 * step holds: on its own credentials, anything else is an escalation; on
 * another actor's, a grant of what the giver lacks. What an actor starts
 * with, and what others give it, is its own from then on (and stays its own:
 * a key made before a demotion outlives it, by design).
 *
 * TPTM_ESCALATION_RUNS sets the number of sequences (a few by default, as this
 * runs in `npm test`); TPTM_ESCALATION_SEED replays one (printed at the end).
 */
const RUNS = Number(process.env.TPTM_ESCALATION_RUNS ?? 20);
const FIXED_SEED = 20261207;
const SEED = (() => {
  const given = process.env.TPTM_ESCALATION_SEED ?? (process.env.CI ? 'random' : String(FIXED_SEED));
  return given === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(given);
})();

const ALL = ['key:manage', 'member:manage', 'role:manage', 'audit:read'];
const GRANTABLE_TO_KEYS = ALL.filter((p) => p !== 'key:manage');

/** `id` tells credentials apart (its secret); `label` says how the actor came by it, for the report. */
type Credential = { id: string; label: string } & (
  { kind: 'account'; token: string } | { kind: 'key'; secret: string } | { kind: 'link'; token: string; invitationId: string }
);

interface Actor {
  name: string;
  /** Every permission the actor may hold through what it obtains: never shrinks (a key made yesterday outlives a demotion today). */
  legit: Set<string>;
  credentials: Credential[];
}

/** One organization of one run, what its actors hold, and the ids operations pick their targets from. */
interface World {
  orgId: string;
  owner: Session;
  actors: Actor[];
  keyIds: string[];
  roleIds: string[];
  /** The roles a PATCH can change: every role but the built-in ones. */
  customRoleIds: string[];
  /** The members but the Owner, whose roles nobody but an Owner may change and who holds everything already. */
  userIds: string[];
  invitationIds: string[];
  /** What each live credential held after the previous step, by credential id. */
  held: Map<string, Set<string>>;
  steps: string[];
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

describe('no escalation through any operation (property)', () => {
  let t: TestApp;
  let owner: Session;
  /** Accounts reused by every run (accepting as an existing account skips the slow password hash). */
  const accounts: Session[] = [];
  let sequences = 0;
  let steps = 0;
  /** Answers per operation, e.g. `RollKey 200×3 403×5`: a run that never lets an operation through proves little about it. */
  const tally = new Map<string, Map<number, number>>();

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
    for (let i = 0; i < 4; i++) accounts.push(await addMember(t, owner, `actor-${i}@example.com`));
  });
  afterAll(async () => {
    console.log(
      `no escalation: ${sequences} sequences, ${steps} steps, seed ${SEED} (replay: TPTM_ESCALATION_SEED=${SEED} TPTM_ESCALATION_RUNS=${RUNS}); ` +
        [...tally].map(([name, statuses]) => `${name} ${[...statuses].map(([status, n]) => `${status}×${n}`).join(' ')}`).join(', '),
    );
    await t.close();
  });

  const headersOf = (c: Credential): Record<string, string> => (c.kind === 'key' ? { 'X-API-Key': c.secret } : bearer(c.token));

  async function send(method: 'post' | 'patch' | 'put', url: string, c: Credential | Session, body: object = {}): Promise<Reply> {
    const headers = 'orgId' in c ? bearer(c.token) : headersOf(c);
    const response = await t.http[method](`/api/v1${url}`).set(headers).send(body);
    if (response.status >= 500) throw new Error(`${method.toUpperCase()} ${url} answered ${response.status}: ${response.text}`);
    return { status: response.status, body: response.body };
  }

  /** What a credential holds in the run's organization now, or null once it works no more. */
  async function permissionsOf(w: World, c: Credential, rolePermissions: () => Promise<Map<string, string[]>>): Promise<Set<string> | null> {
    if (c.kind === 'key') {
      const response = await t.http.get('/api/v1/integration/whoami').set(headersOf(c));
      return response.status === 200 ? new Set(response.body.apiKey.permissions as string[]) : null;
    }
    if (c.kind === 'account') {
      const response = await t.http.get('/api/v1/me').set(headersOf(c)).expect(200);
      const membership = (response.body.memberships as { organization: { id: string }; permissions: string[] }[]).find(
        (m) => m.organization.id === w.orgId,
      );
      return new Set(membership?.permissions ?? []);
    }
    if ((await t.http.get(`/api/v1/invitations/${c.token}`)).status === 404) return null;
    const invitations = await t.http.get(`/api/v1/orgs/${w.orgId}/invitations`).set(bearer(w.owner.token)).expect(200);
    const invitation = (invitations.body.items as { id: string; roles: { id: string }[] }[]).find((i) => i.id === c.invitationId)!;
    const permissions = await rolePermissions();
    return new Set(invitation.roles.flatMap((r) => permissions.get(r.id)!));
  }

  /** Reads the roles' permissions once, when first asked, for one check of every credential. */
  function rolesReader(w: World): () => Promise<Map<string, string[]>> {
    let roles: Promise<Map<string, string[]>> | undefined;
    return () =>
      (roles ??= t.http
        .get(`/api/v1/orgs/${w.orgId}/roles`)
        .set(bearer(w.owner.token))
        .expect(200)
        .then((list) => new Map((list.body.items as { id: string; permissions: string[] }[]).map((r) => [r.id, r.permissions]))));
  }

  /**
   * The property, after `acting` took a step: every permission one of its own
   * credentials gained is one it held; every permission a credential of
   * another actor gained is one `acting` held, and is that actor's from now on.
   */
  async function verify(w: World, acting: Actor) {
    const rolePermissions = rolesReader(w);
    const now = new Map<string, Set<string>>();
    // An actor that may hold everything can gain nothing beyond it: its credentials are not read again.
    const watched = w.actors.filter((a) => a.legit.size < ALL.length);
    for (const actor of watched) {
      for (const credential of [...actor.credentials]) {
        const held = await permissionsOf(w, credential, rolePermissions);
        if (held) now.set(credential.id, held);
        else actor.credentials.splice(actor.credentials.indexOf(credential), 1);
      }
    }
    for (const actor of watched) {
      for (const credential of actor.credentials) {
        const before = w.held.get(credential.id) ?? new Set<string>();
        const gained = [...now.get(credential.id)!].filter((p) => !before.has(p));
        const beyond = gained.filter((p) => !acting.legit.has(p));
        if (beyond.length) {
          const whose = actor === acting ? 'its own' : `${actor.name}'s`;
          throw new Error(
            `escalation: after "${w.steps.at(-1)}", ${whose} ${credential.label} ` +
              `holds ${beyond.join(', ')}, which ${acting.name} never held (it holds ${[...acting.legit].join(', ') || 'nothing'}).\n` +
              `Steps:\n  ${w.steps.join('\n  ')}`,
          );
        }
        for (const p of gained) actor.legit.add(p);
      }
    }
    w.held = now;
  }

  /** One operation by one actor, through one of its credentials (by index, modulo what it has). */
  abstract class Step implements fc.AsyncCommand<World, World> {
    constructor(
      readonly actor: number,
      readonly via: number,
    ) {}
    check = () => true;
    /** What the step does, naming its targets as the world resolves them (key #2: the third key made in the run). */
    abstract describe(w: World): string;
    abstract act(w: World, actor: Actor, via: Credential): Promise<Reply | undefined>;
    async run(_model: World, w: World) {
      // Actor 0, the Owner, cannot escalate: it takes a step now and then (its grants shape what others hold).
      const actor = this.actor === 0 ? w.actors[0] : w.actors[1 + ((this.actor - 1) % (w.actors.length - 1))];
      const usable = actor.credentials.filter((c) => c.kind !== 'link');
      if (usable.length === 0) return;
      const via = usable[this.via % usable.length];
      const reply = await this.act(w, actor, via);
      if (!reply) return;
      steps++;
      const statuses = tally.get(this.constructor.name) ?? new Map<number, number>();
      tally.set(this.constructor.name, statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1));
      w.steps.push(`${actor.name} ${this.describe(w)} (through ${via.label}) → ${reply.status}`);
      await verify(w, actor);
    }
    toString = () => `${this.constructor.name}(actor ${this.actor}, via ${this.via})`;
  }

  const pick = <T>(list: T[], index: number): T | undefined => (list.length ? list[index % list.length] : undefined);
  const at = (list: string[], index: number) => (list.length ? `#${index % list.length}` : '(none)');
  const atAll = (list: string[], indexes: number[]) => `[${[...new Set(indexes.map((i) => at(list, i)))].join(', ')}]`;
  const picks = <T>(list: T[], indexes: number[]): T[] => (list.length ? [...new Set(indexes.map((i) => list[i % list.length]))] : []);

  class CreateKey extends Step {
    constructor(
      actor: number,
      via: number,
      readonly permissions: string[],
    ) {
      super(actor, via);
    }
    describe = () => `creates a key with [${this.permissions}]`;
    async act(w: World, actor: Actor, via: Credential) {
      const reply = await send('post', `/orgs/${w.orgId}/api-keys`, via, { name: `Key ${unique()}`, permissions: this.permissions });
      if (reply.status === 201) {
        w.keyIds.push(reply.body.id as string);
        const label = `secret of the key #${w.keyIds.length - 1} it created`;
        actor.credentials.push({ kind: 'key', id: reply.body.key as string, label, secret: reply.body.key as string });
      }
      return reply;
    }
  }

  class PatchKey extends Step {
    constructor(
      actor: number,
      via: number,
      readonly key: number,
      readonly permissions: string[],
    ) {
      super(actor, via);
    }
    describe = (w: World) => `sets key ${at(w.keyIds, this.key)}'s permissions to [${this.permissions}]`;
    async act(w: World, _actor: Actor, via: Credential) {
      const keyId = pick(w.keyIds, this.key);
      return keyId ? send('patch', `/orgs/${w.orgId}/api-keys/${keyId}`, via, { permissions: this.permissions }) : undefined;
    }
  }

  class RollKey extends Step {
    constructor(
      actor: number,
      via: number,
      readonly key: number,
      readonly grace: number,
    ) {
      super(actor, via);
    }
    describe = (w: World) => `rolls key ${at(w.keyIds, this.key)} (grace ${this.grace} s)`;
    async act(w: World, actor: Actor, via: Credential) {
      const keyId = pick(w.keyIds, this.key);
      if (!keyId) return undefined;
      const reply = await send('post', `/orgs/${w.orgId}/api-keys/${keyId}/roll`, via, { gracePeriodSeconds: this.grace });
      if (reply.status === 200) {
        const label = `new secret of the key #${w.keyIds.indexOf(keyId)} it rolled`;
        actor.credentials.push({ kind: 'key', id: reply.body.key as string, label, secret: reply.body.key as string });
      }
      return reply;
    }
  }

  class CreateRole extends Step {
    constructor(
      actor: number,
      via: number,
      readonly permissions: string[],
    ) {
      super(actor, via);
    }
    describe = () => `creates a role with [${this.permissions}]`;
    async act(w: World, _actor: Actor, via: Credential) {
      const reply = await send('post', `/orgs/${w.orgId}/roles`, via, { name: `Role ${unique()}`, permissions: this.permissions });
      if (reply.status === 201) {
        w.roleIds.push(reply.body.id as string);
        w.customRoleIds.push(reply.body.id as string);
      }
      return reply;
    }
  }

  class PatchRole extends Step {
    constructor(
      actor: number,
      via: number,
      readonly role: number,
      readonly permissions: string[],
    ) {
      super(actor, via);
    }
    describe = (w: World) => `sets role #${w.roleIds.indexOf(pick(w.customRoleIds, this.role)!)}'s permissions to [${this.permissions}]`;
    async act(w: World, _actor: Actor, via: Credential) {
      const roleId = pick(w.customRoleIds, this.role);
      return roleId ? send('patch', `/orgs/${w.orgId}/roles/${roleId}`, via, { permissions: this.permissions }) : undefined;
    }
  }

  class SetMemberRoles extends Step {
    constructor(
      actor: number,
      via: number,
      readonly member: number,
      readonly roles: number[],
    ) {
      super(actor, via);
    }
    describe = (w: World) => `sets member ${at(w.userIds, this.member)}'s roles to ${atAll(w.roleIds, this.roles)}`;
    async act(w: World, _actor: Actor, via: Credential) {
      const userId = pick(w.userIds, this.member);
      const roleIds = picks(w.roleIds, this.roles);
      return userId ? send('put', `/orgs/${w.orgId}/members/${userId}/roles`, via, { roleIds }) : undefined;
    }
  }

  class Invite extends Step {
    constructor(
      actor: number,
      via: number,
      readonly roles: number[],
    ) {
      super(actor, via);
    }
    describe = (w: World) => `invites a new address with roles ${atAll(w.roleIds, this.roles)}`;
    async act(w: World, actor: Actor, via: Credential) {
      const email = `invitee-${unique()}@example.com`;
      const reply = await send('post', `/orgs/${w.orgId}/members`, via, { email, name: 'Invitee', roleIds: picks(w.roleIds, this.roles) });
      if (reply.status === 201) received(w, actor, reply);
      return reply;
    }
  }

  class Renew extends Step {
    constructor(
      actor: number,
      via: number,
      readonly invitation: number,
    ) {
      super(actor, via);
    }
    describe = (w: World) => `renews invitation ${at(w.invitationIds, this.invitation)}`;
    async act(w: World, actor: Actor, via: Credential) {
      const invitationId = pick(w.invitationIds, this.invitation);
      if (!invitationId) return undefined;
      const reply = await send('post', `/orgs/${w.orgId}/invitations/${invitationId}/renew`, via);
      if (reply.status === 201) received(w, actor, reply);
      return reply;
    }
  }

  /** The actor accepts a link it holds, creating the account it names: that account is the actor's from then on. */
  class Accept extends Step {
    constructor(
      actor: number,
      readonly link: number,
    ) {
      super(actor, 0);
    }
    describe = () => `accepts one of its invitation links`;
    async act(w: World, actor: Actor) {
      const link = pick(
        actor.credentials.filter((c) => c.kind === 'link'),
        this.link,
      );
      if (!link) return undefined;
      const response = await t.http.post(`/api/v1/invitations/${link.token}/accept`).send({ name: 'Invitee', password: MEMBER_PASSWORD });
      if (response.status >= 500) throw new Error(`accept answered ${response.status}: ${response.text}`);
      if (response.status === 200) {
        const label = `account made by accepting its ${link.label}`;
        const account: Credential = { kind: 'account', id: `account of ${link.id}`, label, token: response.body.accessToken as string };
        // The account holds what the link held: carried over, so the step is judged by what the account gained beyond it.
        w.held.set(account.id, w.held.get(link.id) ?? new Set());
        actor.credentials.push(account);
        const me = await t.http.get('/api/v1/me').set(bearer(account.token)).expect(200);
        w.userIds.push(me.body.id as string);
      }
      return { status: response.status, body: response.body };
    }
  }

  function received(w: World, actor: Actor, reply: Reply) {
    const invitationId = (reply.body.invitation as { id: string }).id;
    if (!w.invitationIds.includes(invitationId)) w.invitationIds.push(invitationId);
    const token = inviteToken(reply.body.inviteUrl as string);
    const label = `link to invitation #${w.invitationIds.indexOf(invitationId)}`;
    actor.credentials.push({ kind: 'link', id: token, label, token, invitationId });
  }

  const index = fc.nat({ max: 20 });
  const actor = fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 20 }), weight: 5 });
  const indexes = fc.array(index, { minLength: 1, maxLength: 3 });
  const anyPermissions = fc.subarray(ALL);
  const keyPermissions = fc.subarray(GRANTABLE_TO_KEYS);
  const step = fc.oneof<fc.Arbitrary<Step>[]>(
    fc.tuple(actor, index, keyPermissions).map(([a, v, p]) => new CreateKey(a, v, p)),
    fc.tuple(actor, index, index, keyPermissions).map(([a, v, k, p]) => new PatchKey(a, v, k, p)),
    fc.tuple(actor, index, index, fc.constantFrom(0, 3600)).map(([a, v, k, g]) => new RollKey(a, v, k, g)),
    fc.tuple(actor, index, anyPermissions).map(([a, v, p]) => new CreateRole(a, v, p)),
    fc.tuple(actor, index, index, anyPermissions).map(([a, v, r, p]) => new PatchRole(a, v, r, p)),
    fc.tuple(actor, index, index, indexes).map(([a, v, m, r]) => new SetMemberRoles(a, v, m, r)),
    fc.tuple(actor, index, indexes).map(([a, v, r]) => new Invite(a, v, r)),
    fc.tuple(actor, index, index).map(([a, v, i]) => new Renew(a, v, i)),
    fc.tuple(actor, index).map(([a, l]) => new Accept(a, l)),
  );

  /**
   * The organization a run starts from, all the Owner's doing: custom roles
   * holding some permissions each, members holding some of them (or the
   * built-in Member role, which holds none, as a newcomer does), keys holding some, and pending
   * invitations with any roles (their links are the Owner's).
   */
  const start = fc.record({
    customRoles: fc.array(fc.subarray(ALL, { minLength: 1 }), { minLength: 2, maxLength: 3 }),
    members: fc.array(fc.array(index, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 3 }),
    keys: fc.array(fc.subarray(GRANTABLE_TO_KEYS, { minLength: 1 }), { minLength: 1, maxLength: 2 }),
    invitations: fc.array(fc.array(index, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }),
  });

  async function setUp(spec: { customRoles: string[][]; members: number[][]; keys: string[][]; invitations: number[][] }): Promise<World> {
    const org = await send('post', '/orgs', owner, { name: `Escalation ${unique()}` });
    const orgId = org.body.id as string;
    const session = { ...owner, orgId };
    // Named by their place, so the roles list (sorted by name) is in the same order whenever a seed is replayed.
    for (const [i, permissions] of spec.customRoles.entries())
      await send('post', `/orgs/${orgId}/roles`, session, { name: `Custom ${i}`, permissions });
    const roles = (await t.http.get(`/api/v1/orgs/${orgId}/roles`).set(bearer(owner.token)).expect(200)).body.items as {
      id: string;
      name: string;
      permissions: string[];
    }[];
    const roleIds = roles.map((r) => r.id);
    // Actors start without Owner or Admin: holding everything, they could not escalate (steps may still hand them out).
    const startingRoles = roles.filter((r) => !['Owner', 'Admin'].includes(r.name)).map((r) => r.id);
    const ownerActor: Actor = {
      name: 'Owner',
      legit: new Set(ALL),
      credentials: [{ kind: 'account', id: 'owner', label: 'account', token: owner.token }],
    };
    const w: World = {
      orgId,
      owner: session,
      actors: [ownerActor],
      keyIds: [],
      roleIds,
      customRoleIds: roles.filter((r) => r.name.startsWith('Custom')).map((r) => r.id),
      userIds: [],
      invitationIds: [],
      held: new Map(),
      steps: [],
    };
    // The last member is a newcomer holding the Member role alone: whoever may manage members may change its roles.
    const memberRole = roles.find((r) => r.name === 'Member')!.id;
    const plans = [...spec.members.map((picked) => picks(startingRoles, picked)), [memberRole]];
    for (const [i, roleIds] of plans.entries()) {
      const account = accounts[i];
      const invited = await send('post', `/orgs/${orgId}/members`, session, { email: `actor-${i}@example.com`, name: `Actor ${i}`, roleIds });
      await t.http
        .post(`/api/v1/invitations/${inviteToken(invited.body.inviteUrl as string)}/accept`)
        .set(bearer(account.token))
        .send({})
        .expect(200);
      w.userIds.push(account.userId);
      w.actors.push({
        name: `Member ${i}`,
        legit: new Set(),
        credentials: [{ kind: 'account', id: `account ${i}`, label: 'account', token: account.token }],
      });
    }
    for (const [i, permissions] of spec.keys.entries()) {
      const created = await send('post', `/orgs/${orgId}/api-keys`, session, { name: `Actor key ${i}`, permissions });
      w.keyIds.push(created.body.id as string);
      const credential: Credential = { kind: 'key', id: created.body.key as string, label: `key (#${i})`, secret: created.body.key as string };
      w.actors.push({ name: `Key ${i}`, legit: new Set(), credentials: [credential] });
    }
    for (const picked of spec.invitations) {
      const email = `pending-${unique()}@example.com`;
      received(w, ownerActor, await send('post', `/orgs/${orgId}/members`, session, { email, name: 'Pending', roleIds: picks(roleIds, picked) }));
    }
    // What each actor starts with is its own.
    const rolePermissions = rolesReader(w);
    for (const actor of w.actors) {
      for (const credential of actor.credentials) {
        const held = (await permissionsOf(w, credential, rolePermissions))!;
        w.held.set(credential.id, held);
        for (const p of held) actor.legit.add(p);
      }
    }
    w.steps = [
      `starts: ${w.actors.map((a) => `${a.name} holds [${[...a.legit]}]`).join('; ')}; ` +
        `roles ${roles.map((r, i) => `#${i} ${r.name.split(' ')[0]} [${r.permissions}]`).join(', ')}; member #i is Member i`,
    ];
    return w;
  }

  // A hang detector that grows with the runs asked for (a sequence takes a second or two).
  const TIMEOUT_MS = Math.max(180_000, RUNS * 10_000);
  it(
    'no credential an actor obtains holds a permission the actor did not hold',
    async () => {
      await fc.assert(
        fc.asyncProperty(start, fc.commands([step], { maxCommands: 24, size: 'max' }), async (spec, commands) => {
          sequences++;
          const w = await setUp(spec);
          await fc.asyncModelRun(() => ({ model: w, real: w }), commands);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    TIMEOUT_MS,
  );
});
