import type { LatencySummary } from './percentiles.ts';
import { CASE_SHAPE, INGEST_CASES, type BenchResults, type IngestFigure, type WrittenPerMessage } from './results.ts';

const DASH = '—';

function ms(value: number): string {
  if (!Number.isFinite(value)) return DASH;
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}
const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : DASH);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const bytes = (value: number) => (value >= 10_240 ? `${(value / 1024).toFixed(1)} KB` : `${int(value)} B`);
const pct = (value: number) => `${(value * 100).toFixed(0)}%`;
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : DASH);
const latency = (l: LatencySummary) => `${ms(l.p50)} / ${ms(l.p99)} ms`;
const spread = (rates: number[] | undefined) =>
  rates && rates.length > 1 ? `, median of ${rates.length}: ${int(Math.min(...rates))}–${int(Math.max(...rates))}` : '';
const ingest = (f: IngestFigure | undefined) => (f ? `${int(f.rate)} msg/s (p50/p99 ${latency(f.latency)}${spread(f.rates)})` : DASH);
const written = (w: WrittenPerMessage | undefined) =>
  w ? `${bytes(w.syscall)} written (${bytes(w.storage)} dirtied); dir +${bytes(w.dirGrowth)}, index +${bytes(w.indexGrowth)}` : DASH;
const met = (ok: boolean | null, detail = '') => (ok === null ? DASH : `${ok ? '✅' : '❌'}${detail ? ' ' + detail : ''}`);

type Row = [measurement: string, mailnest: string, sink: string, maildev: string, vsMaildev: string, vsSink: string, target: string, ok: string];

/** Everything in one Markdown table: Mailnest, the bare-sink ceiling and MailDev side by side, targets checked. */
export function renderTable(r: BenchResults): string {
  const rows: Row[] = [];
  const versus = (a: IngestFigure | undefined, b: IngestFigure | undefined) => (a && b ? a.rate / b.rate : NaN);

  for (const name of INGEST_CASES) {
    const mine = r.mailnest[name];
    const theirs = r.maildev?.[name];
    const vsMd = versus(mine, theirs);
    let target = '';
    let ok: boolean | null = null;
    if (name === 'small10') {
      target = '≥ 3,000 msg/s and ≥ 2.5× MailDev';
      ok = mine ? mine.rate >= 3000 && (r.maildev ? vsMd >= 2.5 : true) : null;
    } else if (name === 'large10') {
      target = '≥ 2× MailDev';
      ok = r.maildev && mine ? vsMd >= 2 : null;
    }
    rows.push([`Ingestion, ${CASE_SHAPE[name].label}`, ingest(mine), ingest(r.sink[name]), ingest(theirs), ratio(vsMd), mine && r.sink[name] ? pct(versus(mine, r.sink[name])) : DASH, target || DASH, met(ok)]);
  }
  const fsync = r.mailnest.fsync10;
  const mdTen = r.maildev?.small10;
  rows.push(['Ingestion, 5 KB, 10 connections, `--fsync`', ingest(fsync), DASH, `${ingest(mdTen)} (no fsync option)`, ratio(versus(fsync, mdTen)), fsync && r.sink.small10 ? pct(versus(fsync, r.sink.small10)) : DASH, '≥ 1.5× MailDev', met(fsync && mdTen ? versus(fsync, mdTen) >= 1.5 : null)]);

  const memory = r.mailnest.memory10;
  if (memory) {
    rows.push(['Reference: 5 KB, 10 connections, `--db memory` (nothing on disk)', ingest(memory), DASH, DASH, ratio(versus(memory, mdTen)), r.sink.small10 ? pct(versus(memory, r.sink.small10)) : DASH, DASH, DASH]);
  }
  const cpu = (f: IngestFigure | undefined) => (f ? `${int(f.cpuPerMessageUs)} µs (${int(f.sysPerMessageUs)} µs in the kernel)` : DASH);
  rows.push([`Server CPU per message, all threads (5 KB, 10 connections)${memory ? `; \`--db memory\`: ${cpu(memory)}` : ''}`, cpu(r.mailnest.small10), cpu(r.sink.small10), cpu(r.maildev?.small10), DASH, DASH, DASH, DASH]);
  const clientCpu = (f: IngestFigure | undefined) => (f ? `${int(f.clientCpuPerMessageUs)} µs` : DASH);
  rows.push(['Load generator CPU per message (same load)', clientCpu(r.mailnest.small10), clientCpu(r.sink.small10), clientCpu(r.maildev?.small10), DASH, DASH, DASH, DASH]);
  const peak = (f: IngestFigure | undefined) => (f ? mb(f.peakRss) : DASH);
  rows.push(['Peak RSS (VmHWM) of the server process after the 1 MB run', peak(r.mailnest.large10), peak(r.sink.large10), peak(r.maildev?.large10), DASH, DASH, 'bounded (streamed)', DASH]);

  if (r.live) {
    const l = r.live;
    rows.push([`Live latency, 250 → \`new\` frame (5 KB, 10 connections, ${int(l.n)} msgs)`, `${latency(l)}; ${int(l.early)} of ${int(l.n)} frames came before their 250${l.missing ? `; ${l.missing} frames missing` : ''}`, DASH, DASH, DASH, DASH, 'p99 < 5 ms', met(l.p99 < 5 && l.missing === 0)]);
  }

  const base = r.flatness[0];
  for (const point of r.flatness) {
    const share = base ? point.figure.rate / base.figure.rate : NaN;
    const isBase = point === base;
    rows.push([
      `Flatness: 5 KB, 10 connections, ${int(point.stored)} already stored${isBase ? ' (the warm-up)' : ''}`,
      ingest(point.figure), DASH, DASH, DASH, DASH,
      isBase ? 'reference' : '≥ 80% of the empty-store rate',
      isBase ? DASH : met(share >= 0.8, pct(share)),
    ]);
    rows.push([`Bytes per message, ${int(point.stored)} already stored`, written(point.figure.written), DASH, DASH, DASH, DASH, 'flat', DASH]);
  }

  if (r.startupEmptyMs !== null) rows.push(['Start-up to `/readyz` 200, empty store', `${int(r.startupEmptyMs)} ms`, DASH, DASH, DASH, DASH, DASH, DASH]);
  const s = r.scale;
  if (s) {
    const at = `${int(s.stored)} stored`;
    rows.push([`Start-up to \`/readyz\` 200, ${int(s.storedAtStart)} stored`, `${int(s.startupMs)} ms`, DASH, DASH, DASH, DASH, '< 2 s', met(s.startupMs < 2000)]);
    rows.push([`First page \`/api/v1/messages\`, ${at}`, latency(s.firstPage), DASH, DASH, DASH, DASH, 'p50 < 10 ms', met(s.firstPage.p50 < 10)]);
    rows.push([`Free-text search \`${s.freeText.query}\` (${int(s.freeText.matches)} hits), ${at}`, latency(s.freeText), DASH, DASH, DASH, DASH, 'p50 < 150 ms', met(s.freeText.p50 < 150)]);
    rows.push([`Search \`${s.fromSearch.query}\` (${int(s.fromSearch.matches)} hits), ${at}`, latency(s.fromSearch), DASH, DASH, DASH, DASH, DASH, DASH]);
    rows.push([`Open one message \`/api/v1/message/{ID}\` (marks it read), ${at}`, latency(s.openMessage), DASH, DASH, DASH, DASH, DASH, DASH]);
    rows.push([`Open the same message again (already read), ${at}`, latency(s.openAgain), DASH, DASH, DASH, DASH, DASH, DASH]);
    rows.push([`RSS after start-up, ${int(s.storedAtStart)} stored`, mb(s.rssAfterStart), DASH, DASH, DASH, DASH, '< 300 MB', met(s.rssAfterStart < 300 * 1024 * 1024)]);
    rows.push([`RSS after load (reads and ingestion), ${int(s.storedAfterLoad)} stored`, mb(s.rssAfterLoad), DASH, DASH, DASH, DASH, '< 300 MB', met(s.rssAfterLoad < 300 * 1024 * 1024)]);
  }

  const mdName = r.meta.maildevVersion ? `MailDev ${r.meta.maildevVersion}` : 'MailDev (BENCH_PEERS=maildev)';
  const header: Row = ['Measurement', 'Mailnest', 'bare smtp-server sink', mdName, 'Mailnest ÷ MailDev', 'Mailnest ÷ sink', 'Target', 'Met'];
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderMeta(r: BenchResults): string {
  const m = r.meta;
  return [
    `- Code: \`${m.commit}\`${m.commit.endsWith('-dirty') ? ' (with uncommitted changes in the work tree)' : ''}`,
    `- Date: ${m.date}; took ${(m.durationMs / 1000).toFixed(0)} s${m.quick ? ' (--quick: smaller counts)' : ''}`,
    `- Machine: ${m.cores} cores (${m.cpu}), ${mb(m.memory)} RAM; Node ${m.node}; load average ${m.loadBefore.map((v) => v.toFixed(2)).join(' ')} before, ${m.loadAfter.map((v) => v.toFixed(2)).join(' ')} after`,
    m.mailnestCommand
      ? `- Mailnest ran as \`${m.mailnestCommand} --db <fresh tmp dir> --smtp 127.0.0.1:0 --listen 127.0.0.1:0 --max 0\` (${m.mailnestNote}); the load generator is a separate Node process on the same machine (loopback)`
      : '- Mailnest did not run (--only)',
    `- Counts: ${Object.entries(m.counts).map(([k, v]) => `${k} ${int(v)}`).join(', ')}`,
  ].join('\n');
}
