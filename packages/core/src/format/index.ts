import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';
import type { Formatter } from './types.js';
import { formatSarif } from './sarif.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';
import { formatGitlab } from './gitlab.js';
import { formatRdjson } from './rdjson.js';
import { formatMarkdown } from './markdown.js';

/** Output formats by name (`--format`). */
export const FORMATTERS: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  html: formatHtml,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  gitlab: formatGitlab,
  rdjson: formatRdjson,
  markdown: formatMarkdown,
};
