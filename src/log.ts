/** The one logging surface every part receives; the CLI prints, embedders and tests may silence it. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** Per-message and per-connection detail, printed only with --verbose. */
  debug(message: string): void;
}

export const silentLogger: Logger = Object.freeze({ info() {}, warn() {}, error() {}, debug() {} });

/** A logger writing to stderr with a short level prefix. */
export function consoleLogger({ verbose = false, quiet = false } = {}): Logger {
  const write = (level: string, message: string) => process.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`);
  return {
    info: (m) => { if (!quiet) write('INFO ', m); },
    warn: (m) => write('WARN ', m),
    error: (m, e) => write('ERROR', e instanceof Error ? `${m}: ${e.message}` : m),
    debug: (m) => { if (verbose && !quiet) write('DEBUG', m); },
  };
}
