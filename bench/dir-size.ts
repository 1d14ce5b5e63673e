import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface DirSize {
  total: number;
  /** Bytes in `.eml` files (raw messages); the rest is index and bookkeeping. */
  eml: number;
  files: number;
}

/** Apparent size of everything under `dir` (file lengths, not blocks). */
export function dirSize(dir: string): DirSize {
  const size: DirSize = { total: 0, eml: 0, files: 0 };
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const bytes = statSync(full).size;
        size.total += bytes;
        size.files++;
        if (entry.name.endsWith('.eml')) size.eml += bytes;
      }
    }
  };
  walk(dir);
  return size;
}
