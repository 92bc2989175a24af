import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let instance: import('ajv').default | undefined;

/**
 * The one ajv instance of a process, loaded on first use (it is a large module graph, needed only when a
 * config is validated): the config schema and rules' option schemas compile with it.
 */
export function sharedAjv(): import('ajv').default {
  if (!instance) {
    const AjvModule = require('ajv') as { default?: unknown };
    const Ajv = (AjvModule.default ?? AjvModule) as new (o: object) => import('ajv').default;
    instance = new Ajv({ allErrors: true, strict: false });
  }
  return instance;
}
