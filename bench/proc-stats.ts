import { readFileSync } from 'node:fs';

/** What /proc says about a process: the bench reads it before and after a timed run. */
export interface ProcSample {
  /** Bytes passed to write()-family syscalls (files and sockets alike). */
  wchar: number;
  /** Bytes the process caused to be sent to storage, counted at page-dirtying time (4 KB granular). */
  writeBytes: number;
  /** User + system CPU time, ms (all threads: the main thread and libuv's pool). */
  cpuMs: number;
  /** Of which in the kernel (syscalls: file creation, writes, sockets), ms. */
  sysMs: number;
  /** Resident set size and its peak, bytes. */
  rss: number;
  peakRss: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

function field(text: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

export function sampleProcess(pid: number): ProcSample {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  // Fields after the parenthesised command name, which may itself contain spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(rest[11]);
  const sysTicks = Number(rest[12]);
  return {
    wchar: field(io, 'wchar'),
    writeBytes: field(io, 'write_bytes'),
    cpuMs: ((userTicks + sysTicks) * 1000) / CLOCK_TICKS_PER_SECOND,
    sysMs: (sysTicks * 1000) / CLOCK_TICKS_PER_SECOND,
    rss: field(status, 'VmRSS') * 1024,
    peakRss: field(status, 'VmHWM') * 1024,
  };
}

export interface ProcDelta {
  wchar: number;
  writeBytes: number;
  cpuMs: number;
  sysMs: number;
}

export function delta(before: ProcSample, after: ProcSample): ProcDelta {
  return { wchar: after.wchar - before.wchar, writeBytes: after.writeBytes - before.writeBytes, cpuMs: after.cpuMs - before.cpuMs, sysMs: after.sysMs - before.sysMs };
}
