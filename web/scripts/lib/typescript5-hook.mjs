// Module resolution hook (node:module register()) used only while generating types.
//
// openapi-typescript builds its output with the TypeScript 5 compiler API (ts.factory,
// ts.createPrinter). The web app type-checks with TypeScript 7, whose npm package ships no
// such API (openapi-ts/openapi-typescript#2841). So the "typescript" imports of openapi-typescript
// are pointed at the `typescript-5` devDependency (an npm alias of typescript@5), which is the
// version range openapi-typescript declares. Everything else keeps resolving "typescript" to
// TypeScript 7. package.json's "overrides" only tells npm that the peer dependency is met.
// Drop this (and the alias) once openapi-typescript supports TypeScript 7's API.

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'typescript' && context.parentURL?.includes('/node_modules/openapi-typescript/')) {
    return nextResolve('typescript-5', context);
  }
  return nextResolve(specifier, context);
}
