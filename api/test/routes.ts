import { randomBytes } from 'node:crypto';
import type { TestApp } from './harness';

/**
 * The routes of a running app, read from its router and joined with the spec
 * it serves, so suites that must cover "every route" get a new route without
 * anyone remembering to add it.
 */

/**
 * `publicOrUser`: open to anyone, and a caller who sends an access token is
 * who it says (accepting an invitation as an existing account).
 */
export type Policy =
  | { kind: 'public' }
  | { kind: 'publicOrUser' }
  | { kind: 'user' }
  | { kind: 'organization'; anyPermission: string[]; admitsApiKeys: boolean; grants: boolean }
  | { kind: 'apiKey' }
  | { kind: 'service' };

export interface SchemaObject {
  type?: string;
  format?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  enum?: unknown[];
  $ref?: string;
  /** How the spec writes a nullable reference: `{nullable, allOf: [{$ref}]}`. */
  allOf?: SchemaObject[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  example?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: SchemaObject;
}

export interface Operation {
  method: string;
  /** The spec's path, with `{param}` placeholders. */
  path: string;
  operationId: string;
  policy: Policy;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON body schema, with `$ref`s resolved; undefined when the route takes no body. */
  body: SchemaObject | undefined;
  /** The JSON schema of its success answer, with `$ref`s resolved; undefined when it answers no JSON body. */
  response: SchemaObject | undefined;
  /** The statuses the spec documents for this operation. */
  statuses: number[];
  /** Its success answer is a Server-Sent Events stream, which never ends on its own. */
  stream: boolean;
}

export interface RouteInventory {
  /** Every method and path the router answers, e.g. `GET /api/v1/orgs/:orgId/roles`. */
  routerRoutes: string[];
  operations: Operation[];
  spec: OpenApi;
}

interface OpenApi {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, SchemaObject> };
}

interface RawOperation {
  operationId: string;
  security?: Record<string, string[]>[];
  'x-permissions'?: string[];
  'x-grants'?: boolean;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, { content?: Record<string, { schema: SchemaObject }> }>;
}

/**
 * Routes served for people, not API clients: the Swagger UI and the spec
 * itself, plus (when the console is built) the console's files, all outside
 * /api. All are public by design, read-only, and none reaches a controller.
 */
export const NON_API_ROUTE = /^(GET|HEAD) (\/api\/docs(\/.*)?|\/api\/openapi\.(json|yaml)|\/(?!api(\/|$)).*)$/;

export async function routeInventory(t: TestApp): Promise<RouteInventory> {
  const spec = (await t.http.get('/api/openapi.json').expect(200)).body as OpenApi;
  const routerRoutes = parsePrintedRoutes(t.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }));
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const parameters = raw.parameters ?? [];
      const bodySchema = raw.requestBody?.content['application/json']?.schema;
      const success = Object.entries(raw.responses).find(([status]) => status.startsWith('2'))?.[1];
      const responseSchema = success?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: raw.operationId,
        policy: policyOf(raw),
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        body: bodySchema && resolve(spec, bodySchema),
        response: responseSchema && resolve(spec, responseSchema),
        statuses: Object.keys(raw.responses).map(Number),
        stream: success?.content?.['text/event-stream'] !== undefined,
      });
    }
  }
  return { routerRoutes, operations, spec };
}

/** `/api/v1/orgs/{orgId}` in the spec is `/api/v1/orgs/:orgId` in the router. */
export const routerPath = (specPath: string) => specPath.replace(/\{(\w+)\}/g, ':$1');

function policyOf(raw: RawOperation): Policy {
  const schemes = (raw.security ?? []).flatMap((s) => Object.keys(s));
  if (raw.security === undefined) throw new Error(`${raw.operationId} declares no security in the spec`);
  if (schemes.length === 0) return { kind: 'public' };
  const anonymousToo = raw.security.some((requirement) => Object.keys(requirement).length === 0);
  if (anonymousToo && schemes.every((s) => s === 'accessToken')) return { kind: 'publicOrUser' };
  if (schemes.every((s) => s.startsWith('apiKey'))) return { kind: 'apiKey' };
  if (schemes.every((s) => s === 'serviceToken')) return { kind: 'service' };
  if (schemes.every((s) => s === 'accessToken')) {
    const anyPermission = raw['x-permissions'] ?? [];
    return anyPermission.length ? { kind: 'organization', anyPermission, admitsApiKeys: false, grants: raw['x-grants'] === true } : { kind: 'user' };
  }
  // An access token or either API-key scheme: an organization route that restricted keys may call.
  const anyPermission = raw['x-permissions'] ?? [];
  if (anyPermission.length && ['accessToken', 'apiKeyBearer', 'apiKeyHeader'].every((s) => schemes.includes(s))) {
    return { kind: 'organization', anyPermission, admitsApiKeys: true, grants: raw['x-grants'] === true };
  }
  throw new Error(`${raw.operationId} mixes security schemes: ${schemes.join(', ')}`);
}

function resolve(spec: OpenApi, schema: SchemaObject): SchemaObject {
  if (schema.$ref) return resolve(spec, spec.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    return allOf.reduce<SchemaObject>((merged, part) => ({ ...merged, ...resolve(spec, part) }), rest);
  }
  const out: SchemaObject = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(spec, v)]));
  }
  if (schema.items) out.items = resolve(spec, schema.items);
  return out;
}

/**
 * Fastify's `printRoutes({ commonPrefix: false })` draws the radix tree, one
 * node per line (`│   ├── /segment (GET, HEAD)`), each indented four columns
 * under its parent; a node's path is its ancestors' segments joined.
 */
export function parsePrintedRoutes(printed: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    stack.push(match[2]);
    const path = stack.join('');
    for (const method of match[3]?.split(', ') ?? []) routes.push(`${method} ${path}`);
  }
  if (routes.length === 0) throw new Error(`could not read any route from the router:\n${printed}`);
  return [...new Set(routes)].sort();
}

/** A unique suffix, so values that must be unique (names, emails) never collide across calls. */
export const unique = () => randomBytes(4).toString('hex');

/**
 * A body the route accepts, built from its schema: its required fields (all
 * fields when none is required, as in a PATCH), examples where the spec gives
 * them, unique where a value must be, empty arrays for id lists (an example
 * id would name nothing).
 */
export function validValue(schema: SchemaObject, name = ''): unknown {
  if (schema.type === 'object' || schema.properties) {
    const required = schema.required?.length ? schema.required : Object.keys(schema.properties ?? {});
    return Object.fromEntries(
      Object.entries(schema.properties ?? {})
        .filter(([key]) => required.includes(key))
        .map(([key, value]) => [key, validValue(value, key)]),
    );
  }
  if (schema.type === 'array') return [];
  if (schema.type === 'boolean') return true;
  if (schema.format === 'date-time') return new Date(Date.now() + 30 * 86_400_000).toISOString();
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'number' || schema.type === 'integer') return schema.minimum ?? 1;
  if (schema.format === 'email' || /email/i.test(name)) return `user-${unique()}@example.com`;
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (/password/i.test(name)) return `password-${unique()}-long-enough`;
  return `${typeof schema.example === 'string' ? schema.example : 'Value'} ${unique()}`.slice(0, schema.maxLength ?? 100);
}
