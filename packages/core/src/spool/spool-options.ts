// Settings of one adapter's disk spool (see adapter-spool.ts).

const MiB = 1024 * 1024;

export interface SpoolOptions {
  /** This adapter's spool directory (the Hub uses `<spool dir>/<adapter name>`). */
  dir: string;
  /** Disk cap; past it, overflow is dropped and counted. Default 256 MiB. */
  maxBytes?: number;
  /**
   * Items not delivered this long after they were due to be sent are copied
   * to disk, so a `kill -9` loses at most the last interval. Default 1000.
   */
  intervalMs?: number;
}

export const SPOOL_DEFAULTS = {
  maxBytes: 256 * MiB,
  intervalMs: 1000,
  /** A segment is closed and a new one started past this size. */
  segmentBytes: 4 * MiB,
  /** Most records encoded into one append. */
  recordsPerWrite: 1000,
  /** Bytes read per read-back step (grown for a single larger record). */
  readChunkBytes: 1 * MiB,
} as const;

export interface SpoolSettings {
  dir: string;
  maxBytes: number;
  intervalMs: number;
}

export function resolveSpoolSettings(options: SpoolOptions): SpoolSettings {
  const positive = (value: number | undefined, fallback: number): number =>
    typeof value === "number" && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
  return {
    dir: options.dir,
    maxBytes: positive(options.maxBytes, SPOOL_DEFAULTS.maxBytes),
    intervalMs: positive(options.intervalMs, SPOOL_DEFAULTS.intervalMs),
  };
}

/** A directory name for an adapter: its name with anything unsafe in a path replaced. */
export function spoolDirName(adapterName: string): string {
  const safe = adapterName.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100);
  return safe === "" || safe === "." || safe === ".." ? `_${safe}` : safe;
}
