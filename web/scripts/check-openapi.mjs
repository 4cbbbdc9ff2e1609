#!/usr/bin/env node
// npm run check:api — keeps src/api/openapi.json (the source of truth of the REST API), the
// server's route table and the web app's generated types in step. Fails (exit 1) with one line
// per problem when:
//   a) the spec is not a valid OpenAPI 3.1 document (@readme/openapi-parser), one of its
//      Schema Objects does not compile as JSON Schema 2020-12 in Ajv's strict mode (catches
//      misspelt or misplaced keywords such as "maxLenght", which the OpenAPI meta-schema lets
//      through and which would silently drop a limit), or an operation has no operationId;
//   b) src/api/schema.d.ts is not what `npm run gen:api` generates from the spec (stale);
//   c) the (METHOD, PATH) pairs of router.get/post/put/patch/del("PATH", ...) in
//      src/api/routes.cpp differ from the spec's operations ("/rooms/{id:uuid}" is the spec
//      path "/rooms/{id}"; a typed parameter must have the matching schema in the spec);
//   d) the spec's ErrorCode enum differs from the codes of to_string(ErrorCode) in
//      src/base/error.cpp.
//
// Inputs can be pointed elsewhere (e.g. to test the check on a copy of routes.cpp):
//   node scripts/check-openapi.mjs [--spec FILE] [--routes FILE] [--error-codes FILE] [--types FILE]
// or the environment variables PLENUM_OPENAPI_SPEC, PLENUM_ROUTES_CPP, PLENUM_ERROR_CPP,
// PLENUM_API_TYPES. Paths are relative to the current directory.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { validate } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import { DEFAULT_SPEC, DEFAULT_TYPES, WEB_DIR, generateTypes } from './lib/openapi-types.mjs';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ROUTER_METHODS = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', del: 'DELETE' };

const { values: args } = parseArgs({
  options: {
    spec: { type: 'string' },
    routes: { type: 'string' },
    'error-codes': { type: 'string' },
    types: { type: 'string' },
  },
});
const specPath = resolve(args.spec ?? process.env.PLENUM_OPENAPI_SPEC ?? DEFAULT_SPEC);
const routesPath = resolve(args.routes ?? process.env.PLENUM_ROUTES_CPP ?? join(WEB_DIR, '../src/api/routes.cpp'));
const errorsPath = resolve(args['error-codes'] ?? process.env.PLENUM_ERROR_CPP ?? join(WEB_DIR, '../src/base/error.cpp'));
const typesPath = resolve(args.types ?? process.env.PLENUM_API_TYPES ?? DEFAULT_TYPES);

const show = (path) => relative(process.cwd(), path) || path;
const problems = [];
const problem = (check, message) => problems.push(`[${check}] ${message}`);

/** C++ source without comments; string and character literals are kept intact. */
function stripCppComments(source) {
  let out = '';
  for (let i = 0; i < source.length; ) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' '); // keep line numbers
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** [{method, pattern, path, params: [{name, kind}], line}] from router.get("...", ...) calls. */
function parseRoutes(source) {
  const code = stripCppComments(source);
  const routes = [];
  const call = /\brouter\s*(?:\.|->)\s*(get|post|put|patch|del)\s*\(\s*"((?:[^"\\]|\\.)*)"/g;
  for (const match of code.matchAll(call)) {
    const [, fn = '', pattern = ''] = match;
    const params = [];
    const path = pattern.replace(/\{([^}:]+)(?::([^}]+))?\}/g, (_, name, kind = 'text') => {
      params.push({ name, kind });
      return `{${name}}`;
    });
    const line = code.slice(0, match.index).split('\n').length;
    routes.push({ method: ROUTER_METHODS[fn], pattern, path, params, line });
  }
  return routes;
}

/** Why `schema` does not fit a route parameter of `kind` (http/path.hpp), or undefined. */
function paramSchemaProblem(kind, schema) {
  if (kind === 'uuid' && !(schema?.type === 'string' && schema?.format === 'uuid')) {
    return 'a {name:uuid} route parameter needs schema {type: string, format: uuid}';
  }
  if (kind === 'int' && schema?.type !== 'integer') {
    return 'a {name:int} route parameter needs schema {type: integer}';
  }
  if (kind === 'text' && schema?.type !== 'string') {
    return 'a {name} route parameter needs schema {type: string}';
  }
  return undefined;
}

// ---- load the spec --------------------------------------------------------------------------
let spec;
try {
  spec = JSON.parse(readFileSync(specPath, 'utf8'));
} catch (error) {
  console.error(`check:api failed: cannot read ${show(specPath)}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

// ---- a) valid OpenAPI 3.1 -------------------------------------------------------------------
if (typeof spec.openapi !== 'string' || !spec.openapi.startsWith('3.1.')) {
  problem('spec', `${show(specPath)}: "openapi" is ${JSON.stringify(spec.openapi)}, expected 3.1.x`);
}
const validation = await validate(structuredClone(spec), {
  resolve: { external: false },
  validate: { errors: { colorize: false } },
});
if (!validation.valid) {
  for (const error of validation.errors) problem('spec', `${show(specPath)}: ${error.message}`);
  if (validation.additionalErrors > 0) problem('spec', `... and ${validation.additionalErrors} more validation errors`);
}
for (const warning of validation.warnings) console.warn(`check:api: warning: ${warning.message}`);

// Every Schema Object, compiled strictly. "#/components/schemas/X" refs become refs into one
// schema document holding components.schemas as $defs.
{
  const SPEC_ID = 'urn:plenum:openapi';
  const rewriteRefs = (node) =>
    JSON.parse(
      JSON.stringify(node, (key, value) =>
        key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')
          ? `${SPEC_ID}#/$defs/${value.slice('#/components/schemas/'.length)}`
          : value,
      ),
    );
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
  // OpenAPI's own Schema Object keywords (annotations only).
  for (const keyword of ['discriminator', 'xml', 'externalDocs', 'example']) ajv.addKeyword(keyword);
  const schemas = [];
  const collect = (where, schema) => schema && !schema.$ref?.startsWith?.('#/components/') && schemas.push([where, schema]);
  const content = (where, media) => {
    for (const [type, m] of Object.entries(media ?? {})) collect(`${where} ${type}`, m?.schema);
  };
  const params = (where, list) => {
    for (const p of list ?? []) if (!p?.$ref) collect(`${where} parameter ${p?.name}`, p?.schema);
  };
  const headers = (where, map) => {
    for (const [name, h] of Object.entries(map ?? {})) if (!h?.$ref) collect(`${where} header ${name}`, h?.schema);
  };
  const response = (where, r) => {
    if (!r || r.$ref) return;
    headers(where, r.headers);
    content(where, r.content);
  };
  const components = spec.components ?? {};
  for (const [name, p] of Object.entries(components.parameters ?? {})) collect(`components.parameters.${name}`, p?.schema);
  headers('components.headers', components.headers);
  for (const [name, r] of Object.entries(components.responses ?? {})) response(`components.responses.${name}`, r);
  for (const [name, b] of Object.entries(components.requestBodies ?? {})) content(`components.requestBodies.${name}`, b?.content);
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    params(path, item?.parameters);
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      params(where, op.parameters);
      if (!op.requestBody?.$ref) content(`${where} request body`, op.requestBody?.content);
      for (const [status, r] of Object.entries(op.responses ?? {})) response(`${where} ${status}`, r);
    }
  }
  try {
    ajv.addSchema({ $id: SPEC_ID, $defs: rewriteRefs(components.schemas ?? {}) });
    for (const name of Object.keys(components.schemas ?? {})) {
      try {
        ajv.compile({ $ref: `${SPEC_ID}#/$defs/${name}` });
      } catch (error) {
        problem('schema', `components.schemas.${name}: ${error instanceof Error ? error.message : error}`);
      }
    }
    for (const [where, schema] of schemas) {
      try {
        ajv.compile(rewriteRefs(schema));
      } catch (error) {
        problem('schema', `${where}: ${error instanceof Error ? error.message : error}`);
      }
    }
  } catch (error) {
    problem('schema', `components.schemas: ${error instanceof Error ? error.message : error}`);
  }
}

/** @type {Map<string, {method: string, path: string, operation: any, pathItem: any}>} */
const operations = new Map();
for (const [path, pathItem] of Object.entries(spec.paths ?? {})) {
  for (const method of HTTP_METHODS) {
    const operation = pathItem?.[method];
    if (!operation) continue;
    const key = `${method.toUpperCase()} ${path}`;
    operations.set(key, { method: method.toUpperCase(), path, operation, pathItem });
    if (typeof operation.operationId !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(operation.operationId)) {
      problem('spec', `${key}: needs a camelCase operationId (has ${JSON.stringify(operation.operationId)})`);
    }
  }
}

// ---- b) generated types up to date ----------------------------------------------------------
const tempDir = mkdtempSync(join(tmpdir(), 'plenum-api-types-'));
let keepTemp = false;
try {
  const fresh = join(tempDir, 'schema.d.ts');
  writeFileSync(fresh, await generateTypes(specPath));
  let current;
  try {
    current = readFileSync(typesPath, 'utf8');
  } catch {
    current = undefined;
  }
  const expected = readFileSync(fresh, 'utf8');
  if (current === undefined) {
    problem('types', `${show(typesPath)} is missing: run \`npm run gen:api\``);
  } else if (current !== expected) {
    const a = current.split('\n');
    const b = expected.split('\n');
    let line = 0;
    while (line < a.length && line < b.length && a[line] === b[line]) line++;
    keepTemp = true;
    problem(
      'types',
      `${show(typesPath)} is stale (first difference at line ${line + 1}; freshly generated: ${fresh}): run \`npm run gen:api\``,
    );
  }
} catch (error) {
  problem('types', `cannot generate types from ${show(specPath)}: ${error instanceof Error ? error.message : error}`);
} finally {
  if (!keepTemp) rmSync(tempDir, { recursive: true, force: true });
}

// ---- c) routes.cpp == spec operations -------------------------------------------------------
let routes = [];
try {
  routes = parseRoutes(readFileSync(routesPath, 'utf8'));
  if (routes.length === 0) problem('routes', `${show(routesPath)}: found no router.get/post/put/patch/del("...") calls`);
} catch (error) {
  problem('routes', `cannot read ${show(routesPath)}: ${error instanceof Error ? error.message : error}`);
}
const routeKeys = new Map();
for (const route of routes) {
  const key = `${route.method} ${route.path}`;
  const where = `${show(routesPath)}:${route.line}`;
  if (routeKeys.has(key)) {
    problem('routes', `${where}: ${route.method} ${route.pattern} is registered twice`);
    continue;
  }
  routeKeys.set(key, route);
  const op = operations.get(key);
  if (!op) {
    problem('routes', `${where}: ${route.method} ${route.pattern} is served but not in the spec (add "${route.path}" -> ${route.method.toLowerCase()} to ${show(specPath)})`);
    continue;
  }
  const declared = [...(op.pathItem.parameters ?? []), ...(op.operation.parameters ?? [])]
    .map((p) => (p?.$ref ? resolveRef(p.$ref) : p))
    .filter((p) => p?.in === 'path');
  for (const param of route.params) {
    const decl = declared.find((p) => p.name === param.name);
    const schema = decl?.schema?.$ref ? resolveRef(decl.schema.$ref) : decl?.schema;
    const why = decl ? paramSchemaProblem(param.kind, schema) : 'not declared as an "in: path" parameter';
    if (why) problem('routes', `${where}: ${route.method} ${route.path}: path parameter "${param.name}": ${why}`);
  }
}
for (const [key, op] of operations) {
  if (!routeKeys.has(key)) {
    problem('routes', `${key} (operationId ${op.operation.operationId}) is in the spec but ${show(routesPath)} does not register it`);
  }
}

function resolveRef(ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  let node = spec;
  for (const part of ref.slice(2).split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node;
}

// ---- d) error codes == src/base/error.cpp ---------------------------------------------------
try {
  const source = stripCppComments(readFileSync(errorsPath, 'utf8'));
  const serverCodes = [...source.matchAll(/case\s+ErrorCode::(\w+)\s*:\s*return\s+"([^"]*)"/g)].map((m) => m[2]);
  const specCodes = spec.components?.schemas?.ErrorCode?.enum;
  if (serverCodes.length === 0) {
    problem('errors', `${show(errorsPath)}: found no 'case ErrorCode::x: return "x";' lines`);
  } else if (!Array.isArray(specCodes)) {
    problem('errors', `${show(specPath)}: components.schemas.ErrorCode.enum is missing`);
  } else {
    for (const code of serverCodes) {
      if (!specCodes.includes(code)) problem('errors', `error code "${code}" (${show(errorsPath)}) is missing from the spec's ErrorCode enum`);
    }
    for (const code of specCodes) {
      if (!serverCodes.includes(code)) problem('errors', `the spec's ErrorCode "${code}" is not a code of ${show(errorsPath)}`);
    }
  }
} catch (error) {
  problem('errors', `cannot read ${show(errorsPath)}: ${error instanceof Error ? error.message : error}`);
}

// ---- result ---------------------------------------------------------------------------------
if (problems.length > 0) {
  console.error(`check:api failed (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `check:api ok: ${show(specPath)} is valid OpenAPI ${spec.openapi}, ${operations.size} operations = ${routeKeys.size} routes in ${show(routesPath)}, ` +
    `${show(typesPath)} up to date, error codes match`,
);
