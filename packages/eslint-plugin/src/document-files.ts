/** The file extensions of each kind of document the plugin's document configs lint. */
const EXTENSIONS = { json: ['json'], yaml: ['yaml', 'yml'], exposition: ['prom', 'metrics', 'openmetrics'] } as const;

const glob = (exts: readonly string[]) => [exts.length === 1 ? `**/*.${exts[0]}` : `**/*.{${exts.join(',')}}`];

export const JSON_FILES = glob(EXTENSIONS.json);
export const YAML_FILES = glob(EXTENSIONS.yaml);
export const EXPOSITION_FILES = glob(EXTENSIONS.exposition);

const DOCUMENT_FILE = new RegExp(`\\.(?:${Object.values(EXTENSIONS).flat().join('|')})$`, 'i');

/** Whether a file name has the extension of a document the document configs lint. */
export function isDocumentFile(filename: string): boolean {
  return DOCUMENT_FILE.test(filename);
}
