import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO } from '../io.js';

export const STARTER_CONFIG = `# obslint configuration — https://github.com/obslint/obslint
# Editors validate and complete this file through the JSON Schema:
# yaml-language-server: $schema=./node_modules/@obslint/core/schema/config.schema.json

# Presets: recommended (default), strict (adds advice-level rules), all.
extends: recommended

# Shared settings used by several rules.
settings:
  # The scrape interval your Prometheus uses (rate ranges and absent() checks depend on it).
  scrapeInterval: 30s
  # Extra logger object names in code (console, logger, *Logger are recognised already).
  # loggers: [audit]
  # Metric namespaces owned by others: never reported as unknown.
  # externalMetrics: [node_, kube_]

# Per-rule severity (off | info | warn | error), or [severity, options].
rules:
  # dashboard/max-panels: [warn, { warn: 40, error: 80 }]
  # alert/missing-for: [warn, { min: 5m }]

# Rules for some files only (globs are relative to this file). JSON files can be narrowed further
# with \`pointers\` (e.g. /panels/3) or \`entities\` (e.g. dashboard:my-uid/panel:12).
overrides: []
#  - files: ["legacy/**"]
#    rules:
#      dashboard/max-panels: off

# Files never linted (in addition to .gitignore).
ignores:
  - "**/vendor/**"
`;

/** `obslint init`: writes a commented starter config; never overwrites. */
export function initConfig(io: CliIO): number {
  const path = join(io.cwd, 'obslint.config.yaml');
  if (existsSync(path)) {
    io.stderr.write(`obslint: ${path} already exists; not overwriting it.\n`);
    return 2;
  }
  writeFileSync(path, STARTER_CONFIG);
  io.stdout.write(`Wrote ${path}\n`);
  return 0;
}
