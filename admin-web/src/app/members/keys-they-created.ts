import { inject, PendingTasks } from '@angular/core';
import { Permission } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { CurrentUser } from '../core/session/current-user';

/**
 * For the Remove member confirmation: how many of the organization's API
 * keys that a member created hold permissions. Those keys keep working with
 * their permissions after the member leaves (they belong to the
 * organization), which whoever removes the member should know. Only someone
 * with Key: Manage may list keys; for anyone else, and when the list can't
 * be read, there is nothing to say (null). Call it in an injection context.
 */
export function injectKeysWithPermissionsCreatedBy(): (userId: string) => Promise<number | null> {
  const client = inject(TPTM_CLIENT);
  const user = inject(CurrentUser);
  const pendingTasks = inject(PendingTasks);
  return async (userId) => {
    if (!user.has(Permission.KEY_MANAGE)) return null;
    // The confirmation waits on this: so does Angular's stability (and tests waiting on it).
    const done = pendingTasks.add();
    try {
      let count = 0;
      for await (const key of client.apiKeys.listAllApiKeys({ orgId: user.organizationId() })) {
        if (key.createdBy?.id === userId && key.permissions.length > 0) count++;
      }
      return count;
    } catch {
      // The removal matters more than the note: the dialog opens without it.
      return null;
    } finally {
      done();
    }
  };
}

/** The sentence the confirmation adds, or none; \`who\` is "you" when members remove themselves. */
export function keysNote(count: number | null, who: 'they' | 'you'): string {
  if (!count) return '';
  return count === 1
    ? ` 1 API key ${who} created keeps its permissions; it belongs to the organization.`
    : ` ${count} API keys ${who} created keep their permissions; they belong to the organization.`;
}
