import { inject, PendingTasks, signal } from '@angular/core';
import { ApiErrors, Failure } from '../core/errors/api-errors';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** How many items the whole list holds, when the API counts them. */
  total?: number;
}

/**
 * A newest-first list read page by page with the API's cursors, and its
 * loading and error states. Create it in an injection context (a component
 * field), where it finds the error handling it reports through.
 */
export class CursorList<T> {
  private readonly errors = inject(ApiErrors);
  /** Tells Angular a page is still loading, so that its stability (and tests waiting on it) waits too. */
  private readonly pendingTasks = inject(PendingTasks);
  /** Bumped by each reload, so that a slow answer for an earlier one is dropped. */
  private generation = 0;

  readonly items = signal<T[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly failure = signal<Failure | null>(null);
  /** Whether the first page has arrived, to tell "empty" from "not loaded yet". */
  readonly loaded = signal(false);
  /** How many items the whole list holds, from its first page; null when the API does not count them. */
  readonly total = signal<number | null>(null);

  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {}

  /** A list the API answers in one piece, with the same loading and error states. */
  static whole<T>(fetchAll: () => Promise<{ items: T[] }>): CursorList<T> {
    return new CursorList(async () => ({ items: (await fetchAll()).items, nextCursor: null }));
  }

  reload(): Promise<void> {
    const generation = ++this.generation;
    this.items.set([]);
    this.nextCursor.set(null);
    this.total.set(null);
    this.loaded.set(false);
    return this.load(undefined, generation);
  }

  loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loading()) return Promise.resolve();
    return this.load(cursor, this.generation);
  }

  /** After a failure: the page that failed again, the first or a later one. */
  retry(): Promise<void> {
    return this.items().length ? this.loadMore() : this.reload();
  }

  prepend(item: T): void {
    this.items.update((items) => [item, ...items]);
    this.total.update((total) => (total === null ? null : total + 1));
  }

  remove(predicate: (item: T) => boolean): void {
    const before = this.items().length;
    this.items.update((items) => items.filter((item) => !predicate(item)));
    const removed = before - this.items().length;
    this.total.update((total) => (total === null ? null : total - removed));
  }

  private async load(cursor: string | undefined, generation: number): Promise<void> {
    const done = this.pendingTasks.add();
    this.loading.set(true);
    this.failure.set(null);
    try {
      const page = await this.fetchPage(cursor);
      if (generation !== this.generation) return;
      this.items.update((items) => [...items, ...page.items]);
      this.nextCursor.set(page.nextCursor);
      this.total.set(page.total ?? null);
      this.loaded.set(true);
    } catch (error) {
      if (generation === this.generation) this.failure.set(this.errors.handle(error));
    } finally {
      if (generation === this.generation) this.loading.set(false);
      done();
    }
  }
}
