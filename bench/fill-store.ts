import { fileURLToPath } from 'node:url';
import { runScript } from './node-child.ts';
import type { FillReport, FillRequest } from './store-filler.ts';

const FILLER = fileURLToPath(new URL('./store-filler.ts', import.meta.url));

export class FillError extends Error {
  override name = 'FillError';
}

/** Brings the store in `dataDir` to `total` messages, in a separate process, and checks the count. */
export async function fillStore(dataDir: string, total: number): Promise<FillReport> {
  const request: FillRequest = { dataDir, total };
  const report = await runScript<FillReport>(FILLER, request, `fill ${dataDir} to ${total}`, true);
  if (report.total !== total) throw new FillError(`fill ${dataDir}: expected ${total} stored, the store holds ${report.total}`);
  return report;
}
