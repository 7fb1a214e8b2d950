/**
 * The API's layering, checked by `npm run lint:layers` (part of `npm run lint`):
 *
 *   root        app.module, app.factory, main, openapi, entities, cli/   wires everything together
 *   features    api-keys audit health idempotency integration invitations members organizations roles users
 *   identity    auth (accounts, sessions, API-key authentication), authz (the access guard, permissions)
 *   foundation  common config database errors logging mail migrations security
 *
 * Each layer imports only the layers below it. A feature may use another
 * feature only through what that feature offers: its module, services,
 * entities and DTOs; anything else in its folder is its own business.
 */
const FEATURES = '(api-keys|audit|health|idempotency|integration|invitations|members|organizations|roles|users)';
const IDENTITY = '(auth|authz)';
const FOUNDATION = '(common|config|database|errors|logging|mail|migrations|security)';
const ROOT_FILES = '^src/[^/]+\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order matter and the modules impossible to understand one at a time.',
      from: { path: '^src' },
      // The entity-repository pair that MikroORM prescribes refers back by type only: no load-order cycle.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'foundation-knows-no-feature',
      severity: 'error',
      comment: 'The shared foundation is used by everything, so it may import nothing above it.',
      from: { path: `^src/${FOUNDATION}/` },
      to: { path: [`^src/${FEATURES}/`, `^src/${IDENTITY}/`, ROOT_FILES, '^src/cli/'] },
    },
    {
      name: 'identity-knows-no-feature',
      severity: 'error',
      comment: 'Authentication and authorization serve every feature; none of them may depend on one.',
      from: { path: `^src/${IDENTITY}/` },
      to: { path: [`^src/${FEATURES}/`, ROOT_FILES, '^src/cli/'] },
    },
    {
      name: 'features-use-what-another-feature-offers',
      severity: 'error',
      comment:
        "A feature reaches another only through its module, services, entities and DTOs. Something else it needs is either that feature's service's job, or belongs in a shared layer.",
      from: { path: `^src/${FEATURES}/` },
      to: {
        path: `^src/${FEATURES}/`,
        pathNot: ['^src/$1/', '\\.(module|service|entity)\\.ts$', '/dto/'],
      },
    },
    {
      name: 'only-the-root-wires',
      severity: 'error',
      comment: 'The composition root (app.module, entities, cli) imports features; nothing but the root imports it.',
      from: { path: '^src/[^/]+/', pathNot: '^src/cli/' },
      to: { path: [ROOT_FILES, '^src/cli/'] },
    },
    {
      name: 'src-not-to-tests',
      severity: 'error',
      comment: 'Production code must not load test code.',
      from: { path: '^src', pathNot: '\\.spec\\.ts$' },
      to: { path: ['\\.spec\\.ts$', '^api/test/'] },
    },
    {
      name: 'src-not-to-dev-dependencies',
      severity: 'error',
      comment: 'What the server loads at run time must be a dependency, not a devDependency, or a production install cannot start it.',
      from: { path: '^src', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/.*\\.spec\\.ts$' },
  },
};
