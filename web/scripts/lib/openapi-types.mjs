// Shared by gen-api.mjs and check-openapi.mjs: paths and the TypeScript generation from the spec.
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

// Must run before openapi-typescript is loaded (see typescript5-hook.mjs).
register('./typescript5-hook.mjs', import.meta.url);
const { default: openapiTS, astToString } = await import('openapi-typescript');

export const WEB_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_SPEC = fileURLToPath(new URL('../../../src/api/openapi.json', import.meta.url));
export const DEFAULT_TYPES = fileURLToPath(new URL('../../src/api/schema.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from src/api/openapi.json by \`npm run gen:api\` (openapi-typescript). Do not edit:
 * change the spec and regenerate; \`npm run check:api\` (part of \`npm run build\`) fails when
 * this file is stale.
 */

`;

/** The contents of schema.d.ts for the spec at `specPath`. Deterministic for a given spec. */
export async function generateTypes(specPath) {
  const ast = await openapiTS(new URL(`file://${specPath}`), { silent: true });
  return HEADER + astToString(ast);
}
