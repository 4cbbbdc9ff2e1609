#!/usr/bin/env node
// npm run gen:api [-- SPEC [OUT]]: writes src/api/schema.d.ts from ../src/api/openapi.json.
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DEFAULT_SPEC, DEFAULT_TYPES, generateTypes } from './lib/openapi-types.mjs';

const spec = resolve(process.argv[2] ?? DEFAULT_SPEC);
const out = resolve(process.argv[3] ?? DEFAULT_TYPES);
writeFileSync(out, await generateTypes(spec));
console.log(`gen:api: ${relative(process.cwd(), spec)} -> ${relative(process.cwd(), out)}`);
