/**
 * The OpenAPI 3.1 document of the route table: every route with its
 * parameters, request and response schemas and error answers, made from the
 * same table, zod schemas and response shapes the server runs on.
 */
import type { z } from 'zod';
import { permissionMatrix } from '../access/default-matrix.js';
import type { Matrix } from '../access/matrix.js';
import { createHttpSchemas } from './http-schemas.js';
import {
  ERROR_BODY_SCHEMA,
  ERRORS,
  entitySchema,
  errorStatuses,
  inputJsonSchema,
  type JsonSchema,
  responseJsonSchema,
} from './json-schemas.js';
import { ENTITIES, type EntityName } from './response-shapes.js';
import type { AnyRoute } from './route.js';
import { listRoutes } from './routes.js';

/** What `openApiDocument` describes: the matrix in use and where the routes are mounted. */
export interface OpenApiOptions {
  /** The matrix in use: its roles and permissions appear in the schemas. Default: `permissionMatrix`. */
  matrix?: Matrix;
  /** Where the routes are mounted, such as `/api`: the document's server URL. */
  basePath?: string;
  /** Default: `{ title: 'orgkit', version: '1' }`. */
  info?: { title: string; version: string; description?: string };
}

/** An OpenAPI 3.1 document, as plain JSON. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema> };
}

const SIGN_IN = {
  member: 'Needs a signed-in user who is an active member of the organization.',
  user: 'Needs a signed-in user.',
  public: 'No sign-in: the token in the body is the credential.',
  anyone: 'No sign-in needed: the token in the body is the credential. A signed-in user is who accepts.',
} as const;

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

/**
 * The OpenAPI 3.1 document of orgkit's routes, for Swagger UI, client
 * generators or contract tests.
 *
 * ```ts
 * import { openApiDocument } from 'orgkit/http';
 *
 * app.get('/api/openapi.json', (req, res) => res.json(openApiDocument({ matrix, basePath: '/api' })));
 * ```
 */
export function openApiDocument(options: OpenApiOptions = {}): OpenApiDocument {
  const matrix = options.matrix ?? permissionMatrix;
  const schemas = createHttpSchemas(matrix.roles) as unknown as Record<string, z.ZodType>;
  const paths: OpenApiDocument['paths'] = {};
  for (const { name, route } of listRoutes()) {
    const path = toOpenApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(name, route, schemas, matrix) };
  }
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  return {
    openapi: '3.1.0',
    info: options.info ?? { title: 'orgkit', version: '1' },
    ...(basePath === '' ? {} : { servers: [{ url: basePath }] }),
    paths,
    components: {
      schemas: {
        ...Object.fromEntries(
          (Object.keys(ENTITIES) as EntityName[]).map((entity) => [entity, entitySchema(entity, matrix, 'components')]),
        ),
        Error: ERROR_BODY_SCHEMA,
      },
      responses: Object.fromEntries(
        Object.values(ERRORS).map(([key, description]) => [
          key,
          { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ]),
      ),
    },
  };
}

function operation(name: string, route: AnyRoute, schemas: Record<string, z.ZodType>, matrix: Matrix): JsonSchema {
  const parameters: JsonSchema[] = [...route.path.matchAll(/:([A-Za-z]+)/g)].map(([, param]) => ({
    name: param,
    in: 'path',
    required: true,
    schema: { type: 'string', minLength: 1, maxLength: 128 },
  }));
  if (route.query !== undefined) {
    const query = inputJsonSchema(schemas[route.query]!);
    const required = (query.required ?? []) as string[];
    for (const [param, schema] of Object.entries((query.properties ?? {}) as Record<string, JsonSchema>)) {
      parameters.push({ name: param, in: 'query', required: required.includes(param), schema });
    }
  }
  const success =
    route.response === undefined
      ? { description: 'Done; no content.' }
      : {
          description: 'Success.',
          content: { 'application/json': { schema: responseJsonSchema(route.response, matrix, 'components') } },
        };
  return {
    operationId: name,
    summary: route.summary,
    tags: [name.split('.')[0]],
    description: SIGN_IN[route.access],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: inputJsonSchema(schemas[route.body]!) } },
          },
        }),
    responses: {
      [route.status]: success,
      ...Object.fromEntries(
        errorStatuses(route).map((status) => [status, { $ref: `#/components/responses/${ERRORS[status][0]}` }]),
      ),
    },
  };
}
