import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_PATTERN } from './auth/api-keys/key-format';
import { SECURITY_ACCESS_TOKEN, SECURITY_API_KEY_BEARER, SECURITY_API_KEY_HEADER, SECURITY_SERVICE_TOKEN } from './authz/authenticated.decorator';

/**
 * No "$" followed by a backtick or a quote anywhere in the spec's text:
 * @nestjs/swagger inlines the document into swagger-ui-init.js with
 * String.replace, which reads those as replacement patterns, and the Swagger
 * UI page then fails to load (test/security-headers.spec.ts checks that the
 * script carries the spec intact). Hence the key pattern without its anchors.
 */
const DESCRIPTION = `
The TPTM API: manage an organization's API keys, roles and members from the
console, and authenticate integrations with API keys.

Console calls take an access token from \`POST /api/v1/auth/login\`;
integration calls take an API key (the whole value matches
\`${API_KEY_PATTERN.source.replace(/^\^|\$$/g, '')}\`) as
\`Authorization: Bearer <key>\` or \`X-API-Key: <key>\`.
Every error is \`application/problem+json\` (RFC 9457).
`.trim();

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('TPTM API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0.0')
    .setLicense('Proprietary', 'https://tptm.example/terms')
    .addServer('/', 'This server')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Console access token from POST /api/v1/auth/login.' },
      SECURITY_ACCESS_TOKEN,
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'tptm API key', description: 'An API key as `Authorization: Bearer tptm_…`.' },
      SECURITY_API_KEY_BEARER,
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key as `X-API-Key: tptm_…`.' }, SECURITY_API_KEY_HEADER)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'tptm service token',
        description: 'A service token (`npm run service-token -- create <name>`) as `Authorization: Bearer tptm_svc_…`.',
      },
      SECURITY_SERVICE_TOKEN,
    )
    .addTag('API Keys', "Create, list and delete an organization's API keys (needs Key: Manage).")
    .addTag('Audit', "Read an organization's audit log (needs Audit: Read).")
    .addTag('Auth', 'Sign in to the console.')
    .addTag('Health', 'Liveness of the server and its database.')
    .addTag('Integration', 'Calls made by integrations with an API key.')
    .addTag('Key verification', "The platform's other services verify the keys their callers send, with a service token.")
    .addTag('Me', 'The signed-in user.')
    .addTag('Members', "Manage an organization's members (needs Member: Manage).")
    .addTag('Organizations', 'Create organizations.')
    .addTag('Permissions', 'The permission catalog.')
    .addTag('Roles', "Manage an organization's roles (needs Role: Manage).")
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
  assertUniqueOperationIds(document);
  return sortDocument(document);
}

function assertUniqueOperationIds(document: OpenAPIObject): void {
  const seen = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const id = (operation as { operationId?: string }).operationId;
      if (!id) continue;
      if (seen.has(id)) throw new Error(`Two operations share the operationId "${id}"; rename one controller method.`);
      seen.add(id);
    }
  }
}

/** Sorted paths, schemas and properties: the same API always gives the same bytes, and diffs stay small. */
function sortDocument(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  for (const schema of Object.values(schemas)) {
    const s = schema as { properties?: Record<string, unknown>; required?: string[] };
    if (s.properties) s.properties = sortKeys(s.properties);
    if (s.required) s.required = [...s.required].sort();
  }
  return {
    ...document,
    tags: [...(document.tags ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
    paths: sortKeys(document.paths),
    components: { ...document.components, schemas: sortKeys(schemas) },
  };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
