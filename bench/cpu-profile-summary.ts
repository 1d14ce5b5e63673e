import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The parts of a V8 .cpuprofile (as `node --cpu-prof` writes it) the summary reads. */
interface CpuProfile {
  /** Monotonic clock, µs (the same clock as process.hrtime, system-wide on Linux). */
  startTime: number;
  nodes: Array<{ id: number; callFrame: CallFrame; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  /** Share of the sampled time the process was not idle. */
  percent: number;
}

export interface ProfileSummary {
  /** Whether only the samples inside the timed window were counted (else the whole process life). */
  windowed: boolean;
  busyMs: number;
  idleMs: number;
  functions: ProfileEntry[];
  files: ProfileEntry[];
}

/** Where a frame's code lives, short: `smtp-server/lib/smtp-stream.js`, `src/store/index-adapter.ts`, `node:fs`. */
function place(url: string): string {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) return url.slice(nm + 'node_modules/'.length);
  const src = /\/(src|dist|bench)\/(.*)$/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  return url.replace(/^file:\/\//, '');
}

function top(map: Map<string, number>, busyMs: number, count: number): ProfileEntry[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, selfMs: us / 1000, percent: (us / 1000 / busyMs) * 100 }));
}

/**
 * Self time by function and by file, from a .cpuprofile, idle time left out of the percentages.
 * With `window` ([from, to] in µs of the monotonic clock, e.g. process.hrtime.bigint() / 1000n) only
 * the samples taken during the timed load count, not start-up and module loading.
 */
export function summarizeProfile(file: string, window?: readonly [number, number], count = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  let at = profile.startTime;
  const inWindow = profile.timeDeltas.map((d) => {
    at += d;
    return !window || (at >= window[0] && at <= window[1]);
  });
  // A clock mismatch would leave nothing: fall back to the whole profile rather than report nothing.
  const windowed = window !== undefined && inWindow.some(Boolean);
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const label = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${f.url ? `${place(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
  /**
   * A C++ binding (writeBuffer, open, close) says nothing alone: name the JS that called it, and
   * the first caller outside Node's own code (the store, smtp-server), so file and socket writes part.
   */
  const nativeCallers = (id: number): { direct: string; app: CallFrame | null } => {
    let parent = parentOf.get(id);
    const direct = parent !== undefined ? byId.get(parent)! : null;
    while (parent !== undefined) {
      const frame = byId.get(parent)!;
      if (frame.url && !frame.url.startsWith('node:')) return { direct: direct ? label(direct) : '?', app: frame };
      parent = parentOf.get(parent);
    }
    return { direct: direct ? label(direct) : '?', app: null };
  };
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    if (windowed && !inWindow[i]) continue;
    const id = profile.samples[i]!;
    const frame = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    let where = place(frame.url);
    let fn = label(frame);
    if (!frame.url && !frame.functionName.startsWith('(')) {
      const { direct, app } = nativeCallers(id);
      fn = `${fn} ← ${direct}${app && label(app) !== direct ? ` ← ${label(app)}` : ''}`;
      where = `(native) ← ${app ? place(app.url) : 'node'}`;
    }
    functions.set(fn, (functions.get(fn) ?? 0) + us);
    files.set(where, (files.get(where) ?? 0) + us);
  }
  const busyMs = busyUs / 1000;
  return { windowed, busyMs, idleMs: idleUs / 1000, functions: top(functions, busyMs, count), files: top(files, busyMs, count) };
}

export function formatProfile(summary: ProfileSummary): string {
  const rows = (entries: ProfileEntry[]) => entries.map((e) => `| ${e.percent.toFixed(1)}% | ${e.selfMs.toFixed(0)} ms | \`${e.name}\` |`).join('\n');
  return [
    `${summary.windowed ? 'During the timed load only' : 'Whole process life, start-up included'}: busy ${summary.busyMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms (percentages are of busy time; a C++ binding such as \`writeBuffer\` is shown ← with the JS that called it ← and the first caller outside Node).`,
    '',
    '| self | ms | function |', '|---:|---:|---|', rows(summary.functions),
    '',
    '| self | ms | file |', '|---:|---:|---|', rows(summary.files),
  ].join('\n');
}

// Usable on its own: `npx tsx bench/cpu-profile-summary.ts FILE.cpuprofile`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(formatProfile(summarizeProfile(process.argv[2]!)) + '\n');
}
