import { Migration20261129000000_initial } from './Migration20261129000000_initial';
import { Migration20261202000000_invitations_sessions } from './Migration20261202000000_invitations_sessions';
import { Migration20261202100000_key_lifecycle } from './Migration20261202100000_key_lifecycle';
import { Migration20261202120000_audit_changes } from './Migration20261202120000_audit_changes';
import { Migration20261203000000_restricted_keys } from './Migration20261203000000_restricted_keys';
import { Migration20261203100000_key_usage } from './Migration20261203100000_key_usage';
import { Migration20261207000000_audit_actor_identity } from './Migration20261207000000_audit_actor_identity';
import { Migration20261207182439_invitation_makers_and_email_limits } from './Migration20261207182439_invitation_makers_and_email_limits';
import { Migration20261207190000_refresh_token_families } from './Migration20261207190000_refresh_token_families';
import { Migration20261207200000_runtime_limits } from './Migration20261207200000_runtime_limits';
import { Migration20261208000000_idempotency } from './Migration20261208000000_idempotency';
import { Migration20261208010000_key_verification } from './Migration20261208010000_key_verification';
import { Migration20261208020000_key_policy_and_exposure } from './Migration20261208020000_key_policy_and_exposure';
import { Migration20261208030000_key_list_sorts } from './Migration20261208030000_key_list_sorts';

import { Migration20261208040000_public_report_window } from './Migration20261208040000_public_report_window';
/** Listed explicitly so the same migrations run from TypeScript sources (tests) and the build. */
export const MIGRATIONS = [
  { name: 'Migration20261129000000_initial', class: Migration20261129000000_initial },
  { name: 'Migration20261202000000_invitations_sessions', class: Migration20261202000000_invitations_sessions },
  { name: 'Migration20261202100000_key_lifecycle', class: Migration20261202100000_key_lifecycle },
  { name: 'Migration20261202120000_audit_changes', class: Migration20261202120000_audit_changes },
  { name: 'Migration20261203000000_restricted_keys', class: Migration20261203000000_restricted_keys },
  { name: 'Migration20261203100000_key_usage', class: Migration20261203100000_key_usage },
  { name: 'Migration20261207000000_audit_actor_identity', class: Migration20261207000000_audit_actor_identity },
  { name: 'Migration20261207182439_invitation_makers_and_email_limits', class: Migration20261207182439_invitation_makers_and_email_limits },
  { name: 'Migration20261207190000_refresh_token_families', class: Migration20261207190000_refresh_token_families },
  { name: 'Migration20261207200000_runtime_limits', class: Migration20261207200000_runtime_limits },
  { name: 'Migration20261208000000_idempotency', class: Migration20261208000000_idempotency },
  { name: 'Migration20261208010000_key_verification', class: Migration20261208010000_key_verification },
  { name: 'Migration20261208020000_key_policy_and_exposure', class: Migration20261208020000_key_policy_and_exposure },
  { name: 'Migration20261208030000_key_list_sorts', class: Migration20261208030000_key_list_sorts },
  { name: 'Migration20261208040000_public_report_window', class: Migration20261208040000_public_report_window },
];
