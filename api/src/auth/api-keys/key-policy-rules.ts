import ipaddr from 'ipaddr.js';

/** What happens to a key reported as leaked: revoked (the default), disabled, or left working (its owners are told). */
export const EXPOSURE_ACTIONS = ['revoke', 'disable', 'notify'] as const;
export type ExposureAction = (typeof EXPOSURE_ACTIONS)[number];

/** The rules of a key policy, as a key's `policyViolations` names them. */
export const POLICY_RULES = ['requireExpiry', 'maxLifetimeDays', 'allowedIps', 'requireRateLimit'] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

export interface KeyPolicyRules {
  maxLifetimeDays: number | null;
  requireExpiry: boolean;
  /** Canonical addresses and ranges; empty for no rule. */
  allowedIps: string[];
  requireRateLimit: boolean;
  onExposure: ExposureAction;
}

/** The policy of an organization that never set one. */
export const DEFAULT_KEY_POLICY: Readonly<KeyPolicyRules> = Object.freeze({
  maxLifetimeDays: null,
  requireExpiry: false,
  allowedIps: [],
  requireRateLimit: false,
  onExposure: 'revoke',
});

/** What the rules look at on a key. */
export interface PolicySubject {
  expiresAt: Date | null;
  hasRateLimit: boolean;
  allowedIps: readonly string[];
}

const DAY_MS = 86_400_000;

export const hasRules = (policy: KeyPolicyRules): boolean =>
  policy.maxLifetimeDays !== null || policy.requireExpiry || policy.allowedIps.length > 0 || policy.requireRateLimit;

/**
 * The rules `key` breaks at `now`, in `POLICY_RULES` order. A lifetime limit
 * is measured from now: a key set to expire further off than the policy
 * allows breaks it, one that never expires too.
 */
export function policyViolations(policy: KeyPolicyRules, key: PolicySubject, now: number): PolicyRule[] {
  const broken: PolicyRule[] = [];
  if (policy.requireExpiry && key.expiresAt === null) broken.push('requireExpiry');
  if (policy.maxLifetimeDays !== null && (key.expiresAt === null || key.expiresAt.getTime() > now + policy.maxLifetimeDays * DAY_MS)) {
    broken.push('maxLifetimeDays');
  }
  if (policy.allowedIps.length > 0 && !ipsWithin(key.allowedIps, policy.allowedIps)) broken.push('allowedIps');
  if (policy.requireRateLimit && !key.hasRateLimit) broken.push('requireRateLimit');
  return broken;
}

/** What a rule asks of a key, for the problem that refuses a change breaking it. */
export function ruleMessage(rule: PolicyRule, policy: KeyPolicyRules): { field: string; message: string } {
  switch (rule) {
    case 'requireExpiry':
      return { field: 'expiresAt', message: "is required by the organization's key policy (requireExpiry)" };
    case 'maxLifetimeDays':
      return {
        field: 'expiresAt',
        message: `must be at most ${policy.maxLifetimeDays} days from now under the organization's key policy (maxLifetimeDays)`,
      };
    case 'allowedIps':
      return {
        field: 'allowedIps',
        message: `must be set, and lie within ${policy.allowedIps.join(', ')}, under the organization's key policy (allowedIps)`,
      };
    case 'requireRateLimit':
      return { field: 'rateLimit', message: "is required by the organization's key policy (requireRateLimit)" };
  }
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function rangeOf(entry: string): Range {
  const [host, bits] = entry.split('/');
  const address = ipaddr.parse(host);
  return [address, bits === undefined ? (address.kind() === 'ipv4' ? 32 : 128) : Number(bits)];
}

/**
 * Whether every address and range of a key lies within one of the policy's
 * ranges. Empty (any address) lies within none. Entries are canonical.
 */
export function ipsWithin(keyIps: readonly string[], policyIps: readonly string[]): boolean {
  if (keyIps.length === 0) return false;
  const allowed = policyIps.map(rangeOf);
  return keyIps.every((entry) => {
    const [address, bits] = rangeOf(entry);
    return allowed.some(([range, rangeBits]) => range.kind() === address.kind() && bits >= rangeBits && address.match(range, rangeBits));
  });
}
