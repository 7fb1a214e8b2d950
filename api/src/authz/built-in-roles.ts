/**
 * The three roles every organization is created with. Owner-ness is part of
 * authorization (only an Owner grants or removes the Owner role), so the ids
 * live here, beside the permissions, rather than with the roles feature.
 */
export enum BuiltInRole {
  Owner = 'owner',
  Admin = 'admin',
  Member = 'member',
}
