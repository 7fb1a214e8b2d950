import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transaction, TransactionOptions } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';

/** The transaction a request's work runs in, while it is open. */
interface RequestTransaction {
  context: Transaction | undefined;
}

const current = new AsyncLocalStorage<RequestTransaction>();

/**
 * Runs `work` in one transaction that every unit of work it opens
 * (`em.fork()`, anywhere below) joins, so that what `work` writes and what it
 * adds last with `tx` commit together or not at all. Services keep opening
 * their own forks and transactions; inside, those are this one. (PGlite is a
 * pool of one connection: a fork outside it would wait for this very
 * transaction forever.)
 */
export async function inRequestTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return em.fork().transactional(async (tx) => {
    const scope: RequestTransaction = { context: tx.getTransactionContext() };
    try {
      return await current.run(scope, () => work(tx));
    } finally {
      // Timers and callbacks started by `work` keep this async context: once committed, they must not join it.
      scope.context = undefined;
    }
  });
}

/**
 * The application's EntityManager (ormOptions sets it): a fork made inside
 * {@link inRequestTransaction} joins its transaction, and a transaction
 * opened there is that one rather than a savepoint, flushed when its callback
 * ends as its own commit would have.
 */
export class AppEntityManager extends EntityManager {
  override fork(...args: Parameters<EntityManager['fork']>): this {
    const fork = super.fork(...args) as this;
    const context = current.getStore()?.context;
    if (context && !fork.getTransactionContext()) fork.setTransactionContext(context);
    return fork;
  }

  override async transactional<T>(cb: (em: this) => T | Promise<T>, options?: TransactionOptions): Promise<T> {
    const context = current.getStore()?.context;
    if (!context || this.getTransactionContext() !== context) return super.transactional(cb, options);
    const result = await cb(this);
    await this.flush();
    return result;
  }
}
