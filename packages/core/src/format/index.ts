import { formatHtml } from './html.js';
import { formatJson, formatJsonChunks } from './json.js';
import { formatStylish } from './stylish.js';
import type { FormatContext, Formatter } from './types.js';
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

/** Formats that can also be written a piece at a time (large reports never held whole); same text as FORMATTERS. */
export const STREAMING_FORMATTERS: Record<string, (ctx: FormatContext) => Iterable<string>> = {
  json: formatJsonChunks,
};
