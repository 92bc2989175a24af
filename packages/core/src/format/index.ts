import { formatHtml } from './html.js';
import { formatJson, formatJsonChunks } from './json.js';
import { formatStylish, formatStylishChunks } from './stylish.js';
import type { Formatter, StreamingFormatter } from './types.js';
import { formatSarif, formatSarifChunks } from './sarif.js';
import { formatGithub, formatGithubChunks } from './github.js';
import { formatJunit, formatJunitChunks } from './junit.js';
import { formatGitlab, formatGitlabChunks } from './gitlab.js';
import { formatRdjson, formatRdjsonChunks } from './rdjson.js';
import { formatMarkdown, formatMarkdownChunks } from './markdown.js';

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

/**
 * Formats that can also read findings a file at a time and be written a piece at a time, so a large run's
 * report is never held whole: the same text as `FORMATTERS`.
 */
export const STREAMING_FORMATTERS: Record<string, StreamingFormatter> = {
  json: formatJsonChunks,
  stylish: formatStylishChunks,
  github: formatGithubChunks,
  sarif: formatSarifChunks,
  gitlab: formatGitlabChunks,
  rdjson: formatRdjsonChunks,
  junit: formatJunitChunks,
  markdown: formatMarkdownChunks,
};
