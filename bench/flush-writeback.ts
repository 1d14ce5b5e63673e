import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/**
 * Writes every dirty page to disk (`sync`) before a timed run, so a run never pays for the
 * write-back of what the one before it (or the store filler, 500 MB for 100,000 messages) left in
 * the page cache. Returns the milliseconds it took.
 */
export function flushWriteback(): number {
  const started = performance.now();
  spawnSync('sync', { stdio: 'ignore' });
  return performance.now() - started;
}
