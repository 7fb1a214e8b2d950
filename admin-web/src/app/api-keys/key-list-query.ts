import type { ParamMap } from '@angular/router';

/** The key list's status filters, as the API names them, with what the console calls them. */
export const KEY_STATUSES = [
  { id: 'expired', label: 'Expired' },
  { id: 'expiring', label: 'Expiring soon' },
  { id: 'disabled', label: 'Disabled' },
  { id: 'exposed', label: 'Reported as leaked' },
  { id: 'policyViolation', label: 'Breaking the key policy' },
  { id: 'unused', label: 'Unused for 90+ days' },
  { id: 'active', label: 'Active' },
] as const;
export type KeyStatusId = (typeof KEY_STATUSES)[number]['id'];

/** The API's sorts; the first is its default, left out of the URL. */
export const KEY_SORTS = [
  { id: '-createdAt', label: 'Newest first' },
  { id: 'createdAt', label: 'Oldest first' },
  { id: 'name', label: 'Name' },
  { id: '-lastUsedAt', label: 'Recently used' },
  { id: 'lastUsedAt', label: 'Least recently used' },
  { id: 'expiresAt', label: 'Expiring first' },
] as const;
export type KeySortId = (typeof KEY_SORTS)[number]['id'];

export interface KeyListQuery {
  q: string;
  status: KeyStatusId[];
  sort: KeySortId;
}

/** The list a URL asks for; what the console does not know (an old bookmark, a typo) is left out rather than sent. */
export function keyListQuery(params: ParamMap): KeyListQuery {
  const statuses = new Set(params.getAll('status'));
  const sort = KEY_SORTS.find((s) => s.id === params.get('sort'))?.id ?? KEY_SORTS[0].id;
  return {
    q: (params.get('q') ?? '').trim(),
    status: KEY_STATUSES.filter((s) => statuses.has(s.id)).map((s) => s.id),
    sort,
  };
}
