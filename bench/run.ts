/**
 * `npm run bench`: starts Mailnest as a user would (the CLI, a fresh data directory), drives it from a
 * separate load-generator process over loopback SMTP, HTTP and WebSocket, and prints one Markdown table
 * beside a bare smtp-server sink (the ceiling) and, with BENCH_PEERS=maildev, MailDev.
 *
 *   npm run bench [-- --quick] [--json] [--write] [--profile] [--only sink,mailnest,maildev,scale]
 *
 * Figures, not assertions: a missed target is reported, not failed. A lost message is a failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { formatProfile, summarizeProfile } from './cpu-profile-summary.ts';
import { dirSize } from './dir-size.ts';
import { fillStore } from './fill-store.ts';
import { flushWriteback } from './flush-writeback.ts';
import { closeHttp, getJson, timeGets } from './http-timing.ts';
import { runLoadInChild } from './load-child.ts';
import { maildevCount, maildevVersion, startMaildev } from './maildev-peer.ts';
import { mailnestCount, resolveMailnestCommand, startMailnest, type MailnestCommand } from './mailnest-server.ts';
import { RARE_WORD, senderAddress, type MessageKind } from './message-generator.ts';
import { delta, sampleProcess } from './proc-stats.ts';
import { CASE_SHAPE, INGEST_CASES, type BenchResults, type IngestCase, type IngestFigure, type ScaleFigures } from './results.ts';
import { renderMeta, renderTable } from './results-table.ts';
import { startServer, type RunningServer } from './server-process.ts';

/** Mailnest-only variants of the 5 KB × 10 connections load. */
type Variant = 'fsync10' | 'memory10';

class LostMessagesError extends Error {
  override name = 'LostMessagesError';
}

const SECTIONS = ['sink', 'mailnest', 'maildev', 'scale'] as const;
type Section = (typeof SECTIONS)[number];

interface Args {
  quick: boolean;
  json: boolean;
  write: boolean;
  profile: boolean;
  only: Set<Section>;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, json: false, write: false, profile: false, only: new Set(SECTIONS) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') args.quick = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--write') args.write = true;
    else if (arg === '--profile') args.profile = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const list = arg.includes('=') ? arg.slice(7) : (argv[++i] ?? '');
      args.only = new Set(list.split(',').map((s) => s.trim()).filter((s): s is Section => (SECTIONS as readonly string[]).includes(s)));
    } else {
      throw new Error(`bench: unknown argument ${arg} (expected --quick, --json, --write, --profile, --only ${SECTIONS.join(',')})`);
    }
  }
  return args;
}

/** Messages per timed run; --quick divides everything for iteration. */
function countsFor(quick: boolean) {
  return quick
    ? { repeats: 1, warmup: 300, small1: 500, small10: 2000, small50: 2000, large10: 40, live: 1000, fillSmall: 2_000, fillLarge: 20_000, reads: 50, searches: 20 }
    : { repeats: 3, warmup: 1000, small1: 3000, small10: 15_000, small50: 15_000, large10: 300, live: 5000, fillSmall: 10_000, fillLarge: 100_000, reads: 300, searches: 60 };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function describeCommit(): string {
  const git = spawnSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' });
  return git.status === 0 ? git.stdout.trim() : 'unknown';
}
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

let runSerial = 0;
const tag = () => `run${process.pid}x${++runSerial}`;

/** One timed load against a running server, with what the server process spent on it. */
async function measure(server: RunningServer, kind: MessageKind, connections: number, messages: number, dataDir?: string): Promise<IngestFigure> {
  const dirBefore = dataDir ? dirSize(dataDir) : null;
  flushWriteback();
  const before = sampleProcess(server.pid);
  const report = await runLoadInChild({ host: '127.0.0.1', port: server.smtpPort, connections, messages, kind, tag: tag() });
  const after = sampleProcess(server.pid);
  const used = delta(before, after);
  const figure: IngestFigure = {
    messages,
    rate: report.rate,
    latency: report.latency,
    cpuPerMessageUs: (used.cpuMs * 1000) / messages,
    sysPerMessageUs: (used.sysMs * 1000) / messages,
    clientCpuPerMessageUs: report.clientCpuPerMessageUs,
    peakRss: after.peakRss,
  };
  if (dataDir && dirBefore) {
    const dirAfter = dirSize(dataDir);
    figure.written = {
      syscall: used.wchar / messages,
      storage: used.writeBytes / messages,
      dirGrowth: (dirAfter.total - dirBefore.total) / messages,
      indexGrowth: (dirAfter.total - dirAfter.eml - (dirBefore.total - dirBefore.eml)) / messages,
    };
  }
  log(`${server.name} ${kind} ×${connections}: ${Math.round(report.rate)} msg/s, p50 ${report.latency.p50.toFixed(2)} ms, p99 ${report.latency.p99.toFixed(2)} ms`);
  return figure;
}

/**
 * The same load `times` times on one server; the figure of the median-rate run, with every rate.
 * The machine is shared, so one short run can land on a busy second; the median of three rarely does.
 */
async function measureRepeated(server: RunningServer, kind: MessageKind, connections: number, messages: number, times: number, dataDir?: string): Promise<IngestFigure> {
  const runs: IngestFigure[] = [];
  for (let i = 0; i < times; i++) runs.push(await measure(server, kind, connections, messages, dataDir));
  const sorted = [...runs].sort((a, b) => a.rate - b.rate);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, rates: runs.map((r) => r.rate) };
}

async function warmUp(server: RunningServer, messages: number): Promise<void> {
  await runLoadInChild({ host: '127.0.0.1', port: server.smtpPort, connections: 10, messages, kind: 'small', tag: tag() });
}

async function expectCount(server: RunningServer, expected: number, count: (port: number) => Promise<number>): Promise<void> {
  const actual = await count(server.httpPort!);
  if (actual !== expected) {
    throw new LostMessagesError(`${server.name}: every message got a 250 but the API counts ${actual}, expected ${expected} (${expected - actual} missing)`);
  }
}

class Bench {
  readonly counts: ReturnType<typeof countsFor>;
  readonly tmp = mkdtempSync(path.join(os.tmpdir(), 'mailnest-bench-'));
  private dirSerial = 0;
  readonly results: BenchResults;
  private mailnest: MailnestCommand | null = null;
  private scaleDir: string | null = null;

  constructor(readonly args: Args, readonly started: number) {
    this.counts = countsFor(args.quick);
    this.results = {
      meta: {
        date: new Date().toISOString(),
        commit: describeCommit(),
        command: `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`,
        node: process.version,
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? 'unknown',
        memory: os.totalmem(),
        loadBefore: os.loadavg(),
        loadAfter: [],
        mailnestCommand: '',
        mailnestNote: '',
        maildevVersion: null,
        quick: args.quick,
        counts: this.counts,
        durationMs: 0,
      },
      sink: {},
      mailnest: {},
      maildev: null,
      live: null,
      startupEmptyMs: null,
      flatness: [],
      scale: null,
      profiles: [],
    };
  }

  /** The headline case (5 KB, 10 connections) runs `repeats` times; the others once. */
  timesFor(name: IngestCase | Variant): number {
    return name === 'small10' || name === 'fsync10' || name === 'memory10' ? this.counts.repeats : 1;
  }

  freshDir(label: string): string {
    const dir = path.join(this.tmp, `${++this.dirSerial}-${label}`);
    mkdirSync(dir);
    return dir;
  }

  command(): MailnestCommand {
    if (!this.mailnest) {
      this.mailnest = resolveMailnestCommand();
      this.results.meta.mailnestCommand = this.mailnest.describe;
      this.results.meta.mailnestNote = this.mailnest.note;
    }
    return this.mailnest;
  }

  async sink(): Promise<void> {
    const sink = await startServer({
      name: 'sink',
      command: process.execPath,
      args: ['--import', 'tsx', path.join(ROOT, 'bench', 'sink-server.ts')],
      cwd: ROOT,
      smtpPattern: /SMTP listening on [^\s]*:(\d+)/,
    });
    let sent = this.counts.warmup;
    try {
      await warmUp(sink, this.counts.warmup);
      for (const name of INGEST_CASES) {
        const { kind, connections } = CASE_SHAPE[name];
        const times = this.timesFor(name);
        this.results.sink[name] = await measureRepeated(sink, kind, connections, this.counts[name], times);
        sent += this.counts[name] * times;
      }
    } finally {
      await sink.stop();
    }
    const accepted = Number(/accepted (\d+)/.exec(sink.output())?.[1]);
    if (accepted !== sent) throw new LostMessagesError(`sink: sent ${sent}, it accepted ${accepted}`);
  }

  /** A fresh Mailnest (own data dir), warmed up, the timed load(s), every message counted through the API. */
  async mailnestCase(name: IngestCase | Variant, then?: (server: RunningServer, stored: number) => Promise<void>): Promise<IngestFigure> {
    const variant = name === 'fsync10' || name === 'memory10';
    const { kind, connections } = CASE_SHAPE[variant ? 'small10' : name];
    const dir = name === 'memory10' ? null : this.freshDir(`mailnest-${name}`);
    const server = await startMailnest({ command: this.command(), dataDir: dir ?? 'memory', fsync: name === 'fsync10' });
    try {
      if (name === 'small10') this.results.startupEmptyMs = server.startupMs;
      await warmUp(server, this.counts.warmup);
      const times = this.timesFor(name);
      const figure = await measureRepeated(server, kind, connections, this.counts[variant ? 'small10' : name], times, dir ?? undefined);
      const stored = this.counts.warmup + this.counts[variant ? 'small10' : name] * times;
      await expectCount(server, stored, mailnestCount);
      if (then) await then(server, stored);
      return figure;
    } finally {
      await server.stop();
    }
  }

  async mailnestIngestion(): Promise<void> {
    for (const name of INGEST_CASES) {
      this.results.mailnest[name] = await this.mailnestCase(name, name === 'small10' ? (s, stored) => this.liveLatency(s, stored) : undefined);
      if (name === 'small10') this.results.flatness.push({ stored: this.counts.warmup, figure: this.results.mailnest.small10!, startupMs: this.results.startupEmptyMs ?? NaN });
    }
    this.results.mailnest.fsync10 = await this.mailnestCase('fsync10');
    // Not a target: what the same load costs with nothing on disk, to size the durable path.
    this.results.mailnest.memory10 = await this.mailnestCase('memory10');
  }

  /** 250 → `new` frame, on a separate load with a WebSocket client in the load generator's process. */
  async liveLatency(server: RunningServer, stored: number): Promise<void> {
    const report = await runLoadInChild({
      host: '127.0.0.1', port: server.smtpPort, connections: 10, messages: this.counts.live, kind: 'small', tag: tag(),
      eventsUrl: `ws://127.0.0.1:${server.httpPort}/api/events`,
    });
    this.results.live = report.live ?? null;
    log(`live latency: p50 ${report.live?.p50.toFixed(2)} ms, p99 ${report.live?.p99.toFixed(2)} ms, ${report.live?.missing} missing, ${report.acknowledgedWithId} IDs`);
    if (report.acknowledgedWithId !== this.counts.live) log(`warning: only ${report.acknowledgedWithId} of ${this.counts.live} replies said "queued as <ID>"`);
    await expectCount(server, stored + this.counts.live, mailnestCount);
  }

  async maildev(): Promise<void> {
    this.results.meta.maildevVersion = maildevVersion();
    this.results.maildev = {};
    for (const name of INGEST_CASES) {
      const { kind, connections } = CASE_SHAPE[name];
      const server = await startMaildev(this.freshDir(`maildev-${name}`));
      try {
        await warmUp(server, this.counts.warmup);
        const times = this.timesFor(name);
        this.results.maildev[name] = await measureRepeated(server, kind, connections, this.counts[name], times);
        await expectCount(server, this.counts.warmup + this.counts[name] * times, maildevCount);
      } finally {
        await server.stop();
      }
    }
  }

  /**
   * Flatness at 10k and 100k stored (filled through the store, not SMTP). At 100k the reads run
   * first, right after the warm-up, so they see the fill plus the warm-up and nothing more.
   */
  async scale(): Promise<void> {
    const dir = this.freshDir('mailnest-scale');
    this.scaleDir = dir;
    for (const target of [this.counts.fillSmall, this.counts.fillLarge]) {
      const fill = await fillStore(dir, target);
      log(`filled ${dir} to ${fill.total} (${fill.added} added in ${(fill.ms / 1000).toFixed(1)} s)`);
      let stored = fill.total;
      const flushMs = flushWriteback();
      log(`sync after the fill took ${flushMs.toFixed(0)} ms`);
      const server = await startMailnest({ command: this.command(), dataDir: dir });
      try {
        log(`started on ${stored} stored in ${server.startupMs.toFixed(0)} ms`);
        await expectCount(server, stored, mailnestCount);
        const rssAfterStart = sampleProcess(server.pid).rss;
        await warmUp(server, this.counts.warmup);
        stored += this.counts.warmup;
        const large = target === this.counts.fillLarge;
        const reads = large ? await this.reads(server, stored) : null;
        const times = this.timesFor('small10');
        const figure = await measureRepeated(server, 'small', 10, this.counts.small10, times, dir);
        this.results.flatness.push({ stored, figure, startupMs: server.startupMs });
        stored += this.counts.small10 * times;
        await expectCount(server, stored, mailnestCount);
        if (reads) this.results.scale = { ...reads, storedAtStart: fill.total, rssAfterStart, rssAfterLoad: sampleProcess(server.pid).rss, storedAfterLoad: stored };
      } finally {
        await server.stop();
      }
    }
  }

  async reads(server: RunningServer, stored: number): Promise<Omit<ScaleFigures, 'storedAtStart' | 'rssAfterStart' | 'rssAfterLoad' | 'storedAfterLoad'>> {
    const base = `http://127.0.0.1:${server.httpPort}`;
    const repeat = (url: string, n: number) => Array.from({ length: n }, () => url);
    const freeQuery = RARE_WORD;
    const fromQuery = `from:${senderAddress(7)}`;
    const search = (q: string) => `${base}/api/v1/search?query=${encodeURIComponent(q)}`;
    const matches = async (q: string) => (await getJson<{ messages_count: number }>(search(q))).messages_count;
    const freeMatches = await matches(freeQuery);
    const fromMatches = await matches(fromQuery);
    // About 1% of the filler carries the word and 0.1% comes from that sender: a search that finds
    // nothing measures nothing.
    if (freeMatches === 0 || fromMatches === 0) {
      throw new LostMessagesError(`search found ${freeMatches} for "${freeQuery}" and ${fromMatches} for "${fromQuery}"; the fill put ~${Math.round(stored / 100)} and ~${Math.round(stored / 1000)} there`);
    }
    const firstPage = await timeGets(repeat(`${base}/api/v1/messages`, this.counts.reads));
    const freeText = await timeGets(repeat(search(freeQuery), this.counts.searches));
    const fromSearch = await timeGets(repeat(search(fromQuery), this.counts.searches));
    // Distinct messages from the middle of the store: what opening mail in a big inbox costs.
    const page = await getJson<{ messages: Array<{ ID: string }> }>(`${base}/api/v1/messages?start=${Math.floor(stored / 2)}&limit=${this.counts.reads}`);
    const openUrls = page.messages.map((m) => `${base}/api/v1/message/${m.ID}`);
    const openMessage = await timeGets(openUrls);
    const openAgain = await timeGets(openUrls);
    log(`reads at ${stored}: first page p50 ${firstPage.p50.toFixed(2)} ms, free text p50 ${freeText.p50.toFixed(1)} ms, open p50 ${openMessage.p50.toFixed(2)} ms (again ${openAgain.p50.toFixed(2)} ms)`);
    return {
      stored,
      startupMs: server.startupMs,
      firstPage,
      freeText: { ...freeText, query: freeQuery, matches: freeMatches },
      fromSearch: { ...fromSearch, query: fromQuery, matches: fromMatches },
      openMessage,
      openAgain,
    };
  }

  /**
   * The 5 KB × 10 load once more under `node --cpu-prof`, after the timed runs so it skews none of
   * them: on an empty store, and on the large store when the scale runs left one.
   */
  async profiles(): Promise<void> {
    await this.profile('empty store', this.freshDir('mailnest-profile'));
    if (this.scaleDir) await this.profile('large store', this.scaleDir);
  }

  async profile(label: string, dir: string): Promise<void> {
    const outDir = path.join(ROOT, 'bench', 'out', `profile-${Date.now()}`);
    mkdirSync(outDir, { recursive: true });
    const server = await startMailnest({ command: this.command(), dataDir: dir, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${outDir}`] });
    const micros = () => Number(process.hrtime.bigint() / 1000n);
    let window: [number, number] | undefined;
    let stored = 0;
    try {
      stored = await mailnestCount(server.httpPort!);
      await warmUp(server, this.counts.warmup);
      const from = micros();
      await measure(server, 'small', 10, this.counts.small10, dir);
      window = [from, micros()];
    } finally {
      await server.stop();
    }
    // One profile per thread (tsx's loader hooks run on their own); the main thread is thread 0.
    const files = readdirSync(outDir).filter((f) => f.endsWith('.cpuprofile'));
    const file = files.find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)) ?? files[0];
    if (!file) {
      log(`warning: no .cpuprofile in ${outDir} (the CLI must exit normally on SIGTERM for --cpu-prof to write it)`);
      return;
    }
    this.results.profiles.push({ label: `${label}, ${stored.toLocaleString('en-US')} stored`, file: path.relative(ROOT, path.join(outDir, file)), summary: summarizeProfile(path.join(outDir, file), window) });
    log(`profile written to ${path.join(outDir, file)}`);
  }

  cleanUp(): void {
    // After every timed run: deleting a big directory slows file creation on this disk for minutes.
    log(`removing ${this.tmp}`);
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

function report(results: BenchResults): string {
  const parts = [
    '# Mailnest benchmark',
    '',
    renderMeta(results),
    '',
    renderTable(results),
    '',
    'Latencies are p50 / p99. Ingestion latency runs from the final `\\r\\n.\\r\\n` written by the client to the 250 read. ' +
      'Bytes per message: "written" is `/proc/<pid>/io` wchar of the server (every write() syscall: files plus the ~100 B of SMTP replies), ' +
      '"dirtied" is write_bytes (page cache pages dirtied, 4 KB granular), "dir" the growth of the data directory, "index" the growth of its non-.eml files. ' +
      'Every run uses a fresh data directory, removed only after the last timed run.',
  ];
  for (const profile of results.profiles) {
    parts.push('', `## CPU profile of the server: 5 KB × 10 connections, ${profile.label} (\`node --cpu-prof\`, ${profile.file})`, '', formatProfile(profile.summary));
  }
  parts.splice(2, 0, `Command: \`${process.env.BENCH_PEERS ? `BENCH_PEERS=${process.env.BENCH_PEERS} ` : ''}${results.meta.command}\``, '');
  return parts.join('\n') + '\n';
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const bench = new Bench(args, started);
  const peers = new Set((process.env.BENCH_PEERS ?? '').split(',').map((s) => s.trim()));
  try {
    if (args.only.has('mailnest') || args.only.has('scale') || args.profile) bench.command();
    if (args.only.has('sink')) await bench.sink();
    if (args.only.has('mailnest')) await bench.mailnestIngestion();
    if (args.only.has('maildev') && peers.has('maildev')) await bench.maildev();
    if (args.only.has('scale')) await bench.scale();
    if (args.profile) await bench.profiles();
  } finally {
    closeHttp();
    bench.cleanUp();
  }
  const results = bench.results;
  results.meta.loadAfter = os.loadavg();
  results.meta.durationMs = performance.now() - started;
  const markdown = report(results);
  if (args.write) writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), markdown);
  process.stdout.write(args.json ? JSON.stringify(results, null, 2) + '\n' : markdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
