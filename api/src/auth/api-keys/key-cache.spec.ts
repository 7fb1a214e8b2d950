import type { VerifiedKey } from './api-key-store';
import { KeyCache } from './key-cache';

const key = (id: string, validUntil = Infinity): VerifiedKey => ({
  kind: 'apiKey',
  apiKeyId: id,
  name: id,
  maskedKey: 'tptm_x…y',
  organization: { id: 'o', name: 'O' },
  lastUsedAt: null,
  permissions: [],
  expiresAt: null,
  enabled: true,
  rateLimit: null,
  allowedIps: null,
  validUntil,
});

describe('KeyCache', () => {
  let now = 0;
  const cache = (max = 3, ttl = 1000) => new KeyCache(max, ttl, () => now);

  it('returns what was set until its TTL runs out', () => {
    const c = cache();
    c.set('d1', key('k1'), c.epoch);
    expect(c.get('d1')?.apiKeyId).toBe('k1');
    now += 1000;
    expect(c.get('d1')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its bound (recency kept to the second)', () => {
    const c = cache(2, 60_000);
    c.set('d1', key('k1'), c.epoch);
    c.set('d2', key('k2'), c.epoch);
    now += 1_000;
    c.get('d1');
    c.set('d3', key('k3'), c.epoch);
    expect([c.get('d1')?.apiKeyId, c.get('d2'), c.get('d3')?.apiKeyId]).toEqual(['k1', undefined, 'k3']);
    expect(c.size).toBe(2);
  });

  it('does not reorder an entry used again within the same second', () => {
    const c = cache(2, 60_000);
    c.set('d1', key('k1'), c.epoch);
    c.set('d2', key('k2'), c.epoch);
    c.get('d1');
    c.set('d3', key('k3'), c.epoch);
    expect(c.get('d1')).toBeUndefined();
  });

  it('revokes by key id', () => {
    const c = cache();
    c.set('d1', key('k1'), c.epoch);
    c.revoke('k1');
    expect(c.get('d1')).toBeUndefined();
  });

  it('never keeps an entry past the validity of its secret, however long the TTL', () => {
    const c = cache(3, 60_000);
    c.set('d1', key('k1', now + 500), c.epoch);
    now += 499;
    expect(c.get('d1')?.apiKeyId).toBe('k1');
    now += 1;
    expect(c.get('d1')).toBeUndefined();
  });

  it('revokes both secrets of a rolled key, and forgets an evicted one without touching the other', () => {
    const c = cache(2, 60_000);
    c.set('current', key('k1'), c.epoch);
    c.set('replaced', key('k1', now + 10_000), c.epoch);
    c.revoke('k1');
    expect([c.get('current'), c.get('replaced')]).toEqual([undefined, undefined]);

    c.set('current', key('k1'), c.epoch);
    c.set('replaced', key('k1', now + 10_000), c.epoch);
    c.set('other', key('k2'), c.epoch); // evicts 'current', the least recent
    expect(c.get('current')).toBeUndefined();
    c.revoke('k1');
    expect([c.get('replaced'), c.get('other')?.apiKeyId]).toEqual([undefined, 'k2']);
  });

  it('refuses a lookup result that started before a revocation', () => {
    const c = cache();
    const started = c.epoch;
    c.revoke('k1');
    c.set('d1', key('k1'), started);
    expect(c.get('d1')).toBeUndefined();
    c.set('d1', key('k1'), c.epoch);
    expect(c.get('d1')).toBeDefined();
    const beforeClear = c.epoch;
    c.clear();
    c.set('d2', key('k2'), beforeClear);
    expect(c.get('d2')).toBeUndefined();
  });

  it('caches nothing when disabled', () => {
    const c = cache(0);
    c.set('d1', key('k1'), c.epoch);
    expect(c.get('d1')).toBeUndefined();
  });
});
