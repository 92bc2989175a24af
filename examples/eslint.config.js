// ESLint flat config for editor use in examples/: obslint findings in TypeScript (logging calls),
// dashboard JSON, rule YAML and exposition snapshots, with the same rule ids and positions as the CLI.
//
// Published form, in your own repository:
//
//   import obslint from '@obslint/eslint-plugin';
//   import tseslint from 'typescript-eslint';
//
//   export default [
//     { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tseslint.parser } },
//     obslint.configs.recommended,        // code: obslint/log/*, metric and trace rules
//     ...obslint.configs.documents,       // dashboards (*.json), rules (*.yaml, *.yml), snapshots (*.prom)
//   ];
//
// Here the plugin is imported from this checkout (run `pnpm exec tsc -b` first), and typescript-eslint is
// resolved from the plugin's own dependencies, so examples/ stays out of the pnpm workspace.
import { createRequire } from 'node:module';
import obslint from '../packages/eslint-plugin/dist/index.js';

const requireFromPlugin = createRequire(new URL('../packages/eslint-plugin/package.json', import.meta.url));
const tseslint = requireFromPlugin('typescript-eslint');

export default [
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tseslint.parser } },
  obslint.configs.recommended,
  ...obslint.configs.documents,
];
