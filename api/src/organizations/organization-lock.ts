import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Serializes membership changes within one organization, so two concurrent
 * requests cannot each remove "another" Owner and leave none.
 */
export async function lockOrganization(em: EntityManager, organizationId: string): Promise<void> {
  await em.execute('select 1 from organization where id = ? for update', [organizationId]);
}
