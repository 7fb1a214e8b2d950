import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ProblemException } from '../errors/problem';

/** Flushes, turning a clash on a case-insensitive unique name (of a role, of a key) into a 409 on `name`. */
export async function flushNamed(em: EntityManager, name: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new ProblemException('nameTaken', `The name "${name}" is already in use in this organization.`, [
        { field: 'name', message: 'is already in use (names are compared ignoring case)' },
      ]);
    }
    throw error;
  }
}
