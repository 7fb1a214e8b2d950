import { Migration20261129000000_initial } from './Migration20261129000000_initial';

/** Listed explicitly so the same migrations run from TypeScript sources (tests) and the build. */
export const MIGRATIONS = [{ name: 'Migration20261129000000_initial', class: Migration20261129000000_initial }];
