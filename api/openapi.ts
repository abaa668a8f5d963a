import type { z } from 'zod';
import { jsonSchema, type JsonSchema } from './json-schema';
import { taskActionComponents } from './task-action-docs';
import type { RouteDefinition } from './routes/define-route';

/** Path and query parameters, one per property of the object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: propertySchema };
  });
}

const problemSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: { type: 'string', description: 'a URN naming the kind of problem, e.g. urn:govflow:problem:bad-request' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'the request path' },
    requestId: { type: 'string', description: 'the X-Request-Id of the request, for the logs' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: { field: { type: 'string', description: "e.g. 'daysOff[1]', 'jurisdiction'" }, reason: { type: 'string' } },
      },
    },
  },
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

/** The errors a route can give whatever it does, from how it is declared. */
function standardErrors(route: RouteDefinition): Record<string, unknown> {
  const errors: Record<string, unknown> = {};
  if (route.params || route.query || route.body) errors['400'] = problem('invalid request; `errors` names each field and why');
  if (route.auth !== false) errors['401'] = problem('no valid bearer token');
  if (Array.isArray(route.auth)) errors['403'] = problem(`the caller holds none of the roles: ${route.auth.join(', ')}`);
  errors['500'] = problem('unexpected error; the request id identifies it in the logs');
  return errors;
}

function operation(route: RouteDefinition): Record<string, unknown> {
  const responses: Record<string, unknown> = standardErrors(route);
  for (const [status, response] of Object.entries(route.responses)) {
    const code = Number(status);
    if (code >= 400) responses[status] = response.schema ? { description: response.description, content: { 'application/problem+json': { schema: jsonSchema(response.schema, 'output') } } } : problem(response.description);
    else responses[status] = response.schema ? { description: response.description, content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } } } : { description: response.description };
  }
  const roles = Array.isArray(route.auth) ? `Roles: ${route.auth.join(', ')}.` : '';
  const description = [route.description, roles].filter(Boolean).join('\n\n');
  return {
    operationId: `${route.method}${route.path.replace(/\/:?(\w)([\w-]*)/g, (_m, first: string, rest: string) => first.toUpperCase() + rest.replace(/-(\w)/g, (_n, c: string) => c.toUpperCase()))}`,
    summary: route.summary,
    ...(description ? { description } : {}),
    tags: route.tags,
    security: route.auth === false ? [] : [{ bearerAuth: [] }],
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.bodyDocs ?? jsonSchema(route.body, 'input') } } } } : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document for a set of routes: express ':id' paths become '{id}', zod schemas
 * become JSON Schema 2020-12 (OpenAPI 3.1's dialect), errors are problem+json.
 */
export function buildOpenApi(routes: RouteDefinition[], info: { title?: string; version?: string; description?: string } = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info.title ?? 'govflow API',
      version: info.version ?? '0.1.0',
      description:
        info.description ??
        'Start processes of a local people’s government and act on their tasks. Errors are application/problem+json (RFC 9457). For a local token: `npm run --silent token -- --jurisdiction <id> --role <role>`.',
    },
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problemSchema, ...taskActionComponents() },
    },
  };
}
