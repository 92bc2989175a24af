import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// By package name, not by a path relative to this module: the same code runs from dist/ and from bundle/.
export const VERSION: string = (require('@obslint/cli/package.json') as { version: string }).version;
