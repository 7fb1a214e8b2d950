import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuditActorRef } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import { KeyCache } from '../auth/api-keys/key-cache';
import { digestApiKey, hasApiKeyShape, hasValidChecksum } from '../auth/api-keys/key-format';
import type { ExposureAction } from '../auth/api-keys/key-policy-rules';
import { recordRevokedSecrets, REVOCATION_CHANNEL, workingDigests } from '../auth/api-keys/revocation-feed';
import type { ClientInfo } from '../authz/request.decorators';
import { Clock } from '../common/clock';
import { Mailer } from '../mail/mailer';
import type { ExposureReporter } from './api-key.entity';
import { recipientsOf } from './key-recipients';

/** One secret found in public: where (a scanner's link; none from a public report) and in what kind of place. */
export interface FoundSecret {
  token: string;
  url: string | null;
  source: string | null;
}

interface ReportedKeyRow {
  id: string;
  organization_id: string;
  name: string;
  masked_key: string;
  digest: string;
  previous_digest: string | null;
  /** Text or a Date, as each database's driver hands a timestamp to a raw read. */
  previous_key_expires_at: string | Date | null;
  created_by_id: string | null;
  on_exposure: ExposureAction;
}

interface Acted {
  key: ReportedKeyRow;
  url: string | null;
  source: string | null;
}

const HOUR_MS = 3_600_000;

const ACTOR_NAMES: Record<ExposureReporter, string> = { 'secret-scanning': 'Secret scanning', 'public-report': 'Public report' };

/** Emails about leaks one person receives per hour at most: a flood of reports must not become a flood of mail. */
const MAX_EMAILS_PER_HOUR = 10;

/**
 * Acts on secrets found in public. Each one that is a key here is handled as
 * its organization's policy says (revoked, disabled, or left working),
 * recorded on the key and in the audit log, and mailed to the organization's
 * Owners and the key's creator, once per key and url: a report sent again
 * acts on nothing. Tokens that are not well-formed keys never reach the
 * database; the rest cost one lookup together, whatever their number.
 */
@Injectable()
export class ApiKeyExposureService {
  private readonly emailsSent = new Map<string, { count: number; resetsAt: number }>();

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly cache: KeyCache,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  /**
   * Counts a public report from `client` in the current clock hour, across
   * every instance (one statement, which also drops past hours), and answers
   * how many it has sent this hour, this one included, and the seconds until
   * the hour ends.
   */
  async countPublicReport(client: string): Promise<{ count: number; secondsLeft: number }> {
    const now = this.clock.now();
    const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
    const [row] = await this.em.fork().execute<{ count: number }[]>(
      `with past as (delete from public_report_window where hour < ?)
       insert into public_report_window (client, hour, count) values (?, ?, 1)
       on conflict (client, hour) do update set count = public_report_window.count + 1
       returning count`,
      [new Date(hour), client, new Date(hour)],
    );
    return { count: row.count, secondsLeft: Math.max(1, Math.ceil((hour + HOUR_MS - now) / 1000)) };
  }

  /** Acts on the secrets and answers the digests (lowercase hex SHA-256) of those that are or were keys here. */
  async report(found: FoundSecret[], reportedBy: ExposureReporter, client: ClientInfo): Promise<Set<string>> {
    const wellFormed = found.filter((f) => typeof f.token === 'string' && hasApiKeyShape(f.token) && hasValidChecksum(f.token));
    if (wellFormed.length === 0) return new Set();
    const digests = [...new Set(wellFormed.map((f) => digestApiKey(f.token)))];
    const acted = await this.em.fork().transactional(async (tx) => {
      const rows = await tx.execute<ReportedKeyRow[]>(
        `select k.id, k.organization_id, k.name, k.masked_key, k.digest, k.previous_digest, k.previous_key_expires_at, k.created_by_id,
                coalesce(p.on_exposure, 'revoke') as on_exposure
           from api_key k left join key_policy p on p.organization_id = k.organization_id
          where k.digest in (select jsonb_array_elements_text(?::jsonb)) or k.previous_digest in (select jsonb_array_elements_text(?::jsonb))`,
        [JSON.stringify(digests), JSON.stringify(digests)],
      );
      const byDigest = new Map<string, ReportedKeyRow>();
      for (const row of rows) {
        byDigest.set(row.digest, row);
        if (row.previous_digest) byDigest.set(row.previous_digest, row);
      }
      const candidates = new Map<string, Acted>();
      for (const f of wellFormed) {
        const key = byDigest.get(digestApiKey(f.token));
        if (key && !candidates.has(`${key.id} ${f.url ?? ''}`)) candidates.set(`${key.id} ${f.url ?? ''}`, { key, url: f.url, source: f.source });
      }
      const acted = await this.claim(tx, [...candidates.values()]);
      if (acted.length > 0) await this.act(tx, acted, reportedBy, client);
      return { acted, known: rows };
    });
    for (const { key } of acted.acted) this.cache.revoke(key.id);
    this.mail(acted.acted, reportedBy);
    const known = new Set<string>();
    for (const row of acted.known) {
      known.add(row.digest);
      if (row.previous_digest) known.add(row.previous_digest);
    }
    return known;
  }

  /** The (key, url) pairs not acted on before; the unique row makes this hold across instances and repeats. */
  private async claim(tx: EntityManager, candidates: Acted[]): Promise<Acted[]> {
    if (candidates.length === 0) return [];
    const claimed = await tx.execute<{ api_key_id: string; url: string }[]>(
      `insert into api_key_exposure_report (api_key_id, url, reported_at)
       select v.id, v.url, ? from jsonb_to_recordset(?::jsonb) as v(id uuid, url text)
       on conflict do nothing returning api_key_id, url`,
      [new Date(this.clock.now()), JSON.stringify(candidates.map((c) => ({ id: c.key.id, url: c.url ?? '' })))],
    );
    const won = new Set(claimed.map((c) => `${c.api_key_id} ${c.url}`));
    return candidates.filter((c) => won.has(`${c.key.id} ${c.url ?? ''}`));
  }

  /**
   * Applies each key's organization's choice in one statement, records each
   * leak, and tells every instance to forget the keys, all in the caller's
   * transaction: the notifications leave with the commit.
   */
  private async act(tx: EntityManager, acted: Acted[], reportedBy: ExposureReporter, client: ClientInfo): Promise<void> {
    const now = new Date(this.clock.now());
    await tx.execute(
      `update api_key k set exposed_at = ?, exposure_url = v.url, exposure_source = v.source, exposure_reported_by = ?,
              exposure_action = v.action,
              revoked_at = case when v.action = 'revoke' then coalesce(k.revoked_at, ?) else k.revoked_at end,
              enabled = case when v.action = 'disable' then false else k.enabled end
         from jsonb_to_recordset(?::jsonb) as v(id uuid, url text, source text, action text)
        where k.id = v.id`,
      [now, reportedBy, now, JSON.stringify(acted.map((a) => ({ id: a.key.id, url: a.url, source: a.source, action: a.key.on_exposure })))],
    );
    const actor: AuditActorRef = { type: 'system', id: null, name: ACTOR_NAMES[reportedBy], email: null, maskedKey: null, client };
    for (const { key, url, source } of acted) {
      this.audit.record(tx, key.organization_id, 'api_key.exposed', actor, { type: 'api_key', id: key.id, name: key.name }, [
        { field: 'url', before: [], after: url === null ? [] : [url] },
        { field: 'source', before: [], after: source === null ? [] : [source] },
        { field: 'action', before: [], after: [key.on_exposure] },
      ]);
    }
    await tx.flush();
    const stopped = new Map(acted.filter((a) => a.key.on_exposure !== 'notify').map((a) => [a.key.id, a.key]));
    if (stopped.size > 0) {
      await tx.execute('select pg_notify(?, id) from jsonb_array_elements_text(?::jsonb) as id', [
        REVOCATION_CHANNEL,
        JSON.stringify([...stopped.keys()]),
      ]);
      // Services verifying through GET /keys/revocations drop exactly the secrets that stopped working.
      await recordRevokedSecrets(
        tx,
        [...stopped.values()].flatMap((key) =>
          workingDigests(
            {
              digest: key.digest,
              previousDigest: key.previous_digest,
              previousKeyExpiresAt: key.previous_key_expires_at === null ? null : new Date(key.previous_key_expires_at),
            },
            now.getTime(),
          ).map((digest) => ({ keyId: key.id, organizationId: key.organization_id, digest, reason: 'exposed' as const })),
        ),
      );
    }
  }

  /** One email per person per report, listing their keys found; in the background, after the commit. */
  private mail(acted: Acted[], reportedBy: ExposureReporter): void {
    if (!this.mailer.enabled || acted.length === 0) return;
    void recipientsOf(
      this.em.fork(),
      acted.map((a) => ({ ...a, organization_id: a.key.organization_id, created_by_id: a.key.created_by_id })),
    )
      .then((byEmail) => {
        for (const [email, leaks] of byEmail) {
          if (!this.mayEmail(email)) continue;
          const lines = leaks.map(
            ({ key, url }) => `- ${key.name} (${key.masked_key}): ${WHAT_WAS_DONE[key.on_exposure]}${url ? `\n  Found at ${url}` : ''}`,
          );
          this.mailer.sendLater({
            to: email,
            subject: leaks.length === 1 ? `API key "${leaks[0].key.name}" was found in public` : `${leaks.length} API keys were found in public`,
            text:
              `${ACTOR_NAMES[reportedBy]} reported these API keys as found in public:\n\n${lines.join('\n')}\n\n` +
              "Replace the key in the integration that uses it, and see the key's page in the console for what happened.",
          });
        }
      })
      .catch(() => undefined);
  }

  private mayEmail(email: string): boolean {
    const now = this.clock.now();
    const window = this.emailsSent.get(email);
    if (!window || window.resetsAt <= now) {
      this.emailsSent.set(email, { count: 1, resetsAt: now + 3_600_000 });
      return true;
    }
    return ++window.count <= MAX_EMAILS_PER_HOUR;
  }
}

const WHAT_WAS_DONE: Record<ExposureAction, string> = {
  revoke: 'revoked: it is refused from now on',
  disable: 'disabled: it is refused until enabled again',
  notify: "left working, as the organization's policy says: replace it soon",
};

/** How GitHub names a token in its answer: lowercase hex SHA-256. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
