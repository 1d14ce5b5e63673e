import type { LiveLatency } from './live-latency.ts';
import type { LatencySummary } from './percentiles.ts';
import type { ProfileSummary } from './cpu-profile-summary.ts';

/** The ingestion loads every server gets, in the same order. */
export const INGEST_CASES = ['small1', 'small10', 'small50', 'large10'] as const;
export type IngestCase = (typeof INGEST_CASES)[number];

export const CASE_SHAPE: Readonly<Record<IngestCase, { kind: 'small' | 'large'; connections: number; label: string }>> = Object.freeze({
  small1: { kind: 'small', connections: 1, label: '5 KB, 1 connection' },
  small10: { kind: 'small', connections: 10, label: '5 KB, 10 connections' },
  small50: { kind: 'small', connections: 50, label: '5 KB, 50 connections' },
  large10: { kind: 'large', connections: 10, label: '1 MB with attachment, 10 connections' },
});

/** Bytes one message cost on disk, measured two ways over a timed run. */
export interface WrittenPerMessage {
  /** /proc/<pid>/io wchar delta ÷ messages: every byte the server passed to write() (files and sockets). */
  syscall: number;
  /** /proc/<pid>/io write_bytes delta ÷ messages: pages dirtied for storage (4 KB granular). */
  storage: number;
  /** Growth of the data directory ÷ messages: all files, and those that are not .eml (the index). */
  dirGrowth: number;
  indexGrowth: number;
}

export interface IngestFigure {
  messages: number;
  rate: number;
  latency: LatencySummary;
  /** Server CPU (user + system) per message, µs. */
  cpuPerMessageUs: number;
  /** Of which in the kernel, µs. */
  sysPerMessageUs: number;
  /** The load generator's CPU per message, µs (it shares the machine's cores with the server). */
  clientCpuPerMessageUs: number;
  /** Server peak RSS (VmHWM) at the end of the run, bytes. */
  peakRss: number;
  written?: WrittenPerMessage;
  /** When the load ran several times on the same server: every rate, the figure being the median run's. */
  rates?: number[];
}

export interface FlatnessPoint {
  /** Messages stored when the first timed run started (fill plus warm-up; each repeat adds its load). */
  stored: number;
  figure: IngestFigure;
  startupMs: number;
}

export interface ScaleFigures {
  /** Messages stored when the reads ran (the fill plus the warm-up). */
  stored: number;
  startupMs: number;
  firstPage: LatencySummary;
  freeText: LatencySummary & { query: string; matches: number };
  fromSearch: LatencySummary & { query: string; matches: number };
  openMessage: LatencySummary;
  /** The same messages opened a second time: no read flag to write, so this is the parse and render alone. */
  openAgain: LatencySummary;
  /** Messages in the store when it started (the fill). */
  storedAtStart: number;
  rssAfterStart: number;
  /** After the reads and the ingestion runs, with `storedAfterLoad` messages. */
  rssAfterLoad: number;
  storedAfterLoad: number;
}

export interface BenchMeta {
  date: string;
  /** `git describe --always --dirty` of the work tree measured. */
  commit: string;
  command: string;
  node: string;
  cores: number;
  cpu: string;
  memory: number;
  loadBefore: number[];
  loadAfter: number[];
  mailnestCommand: string;
  mailnestNote: string;
  maildevVersion: string | null;
  quick: boolean;
  counts: Record<string, number>;
  durationMs: number;
}

export interface BenchResults {
  meta: BenchMeta;
  sink: Partial<Record<IngestCase, IngestFigure>>;
  /** `fsync10`: with --fsync; `memory10`: with --db memory (nothing durable, a reference). */
  mailnest: Partial<Record<IngestCase, IngestFigure>> & { fsync10?: IngestFigure; memory10?: IngestFigure };
  maildev: Partial<Record<IngestCase, IngestFigure>> | null;
  live: LiveLatency | null;
  startupEmptyMs: number | null;
  flatness: FlatnessPoint[];
  scale: ScaleFigures | null;
  profiles: Array<{ label: string; file: string; summary: ProfileSummary }>;
}
