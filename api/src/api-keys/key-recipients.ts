import { EntityManager } from '@mikro-orm/postgresql';

/** What an email about a key needs to know of it. */
export interface KeyToTell {
  organization_id: string;
  created_by_id: string | null;
}

/**
 * Who is told about each key: its organization's Owners and its creator, by
 * email (each person once). One statement for any number of keys.
 */
export async function recipientsOf<K extends KeyToTell>(em: EntityManager, keys: K[]): Promise<Map<string, K[]>> {
  const organizations = [...new Set(keys.map((k) => k.organization_id))];
  const creators = [...new Set(keys.map((k) => k.created_by_id).filter((id): id is string => id !== null))];
  const rows = await em.execute<{ organization_id: string | null; user_id: string; email: string }[]>(
    `select m.organization_id, u.id as user_id, u.email
       from membership m join membership_role mr on mr.membership_id = m.id join role r on r.id = mr.role_id
       join app_user u on u.id = m.user_id
      where m.organization_id in (select jsonb_array_elements_text(?::jsonb)::uuid) and r.built_in = 'owner'
     union all
     select null, u.id, u.email from app_user u where u.id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [JSON.stringify(organizations), JSON.stringify(creators)],
  );
  const byEmail = new Map<string, K[]>();
  for (const key of keys) {
    const emails = rows
      .filter((r) => r.organization_id === key.organization_id || (r.organization_id === null && r.user_id === key.created_by_id))
      .map((r) => r.email);
    for (const email of new Set(emails)) byEmail.set(email, [...(byEmail.get(email) ?? []), key]);
  }
  return byEmail;
}
