import { inject, Injectable, signal } from '@angular/core';
import type { Permission, PermissionResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';

/**
 * The permission catalog (GET /api/v1/permissions), read once per session:
 * it is the same for every organization and changes only with a new release.
 * Keys' permissions are shown by its display names, and offered by its
 * `grantableToApiKeys`.
 */
@Injectable({ providedIn: 'root' })
export class PermissionCatalog {
  private readonly client = inject(TPTM_CLIENT);
  private loading: Promise<void> | null = null;

  readonly items = signal<PermissionResponse[]>([]);
  readonly failed = signal(false);

  /** Reads the catalog unless it is read or being read; after a failure, reads it again. */
  load(): Promise<void> {
    return (this.loading ??= this.fetch());
  }

  private async fetch(): Promise<void> {
    this.failed.set(false);
    try {
      this.items.set((await this.client.permissions.listPermissions()).items);
    } catch {
      this.failed.set(true);
      this.loading = null;
    }
  }
}

/** Permissions in catalog order, by display name; an id the catalog lacks (not loaded yet) shows as itself, last. */
export function permissionNames(catalog: PermissionResponse[], permissions: readonly Permission[]): string[] {
  const order = new Map(catalog.map((p, index) => [p.id, index]));
  const place = (p: Permission) => order.get(p) ?? Number.MAX_SAFE_INTEGER;
  return [...permissions].sort((a, b) => place(a) - place(b)).map((p) => catalog.find((c) => c.id === p)?.name ?? p);
}
