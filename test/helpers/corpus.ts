import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared real-world corpus beside the repository (`../shared/corpus`). */
export const corpusDir = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** Every message file listed in the corpus manifest, with its flags. */
export function corpusFiles(): Array<{ path: string; file: string; flags: string[] }> {
  const manifest = readFileSync(new URL('MANIFEST.tsv', `file://${corpusDir}`), 'utf8');
  return manifest
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map(([path, , , flags]) => ({ path: path!, file: corpusDir + path, flags: (flags ?? '').split(',') }));
}
