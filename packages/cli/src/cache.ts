import * as fs from 'node:fs';
import * as path from 'node:path';

/** Bump when the shape of anything cached changes: older cache files are then ignored. */
const CACHE_VERSION = 6;

/**
 * A JSON file under `node_modules/.cache/lockstep/` of the workspace, for results that are expensive to
 * derive and depend only on the content of known files (parsed workflows, the roles of templates, the
 * resolved config). Every entry is keyed by content hashes or by file stamps taken as git takes them
 * (see `deriveFromTextFile`), so a stale entry is never used; the cache is only ever an
 * optimization: a missing, unreadable or corrupt file reads as empty, and a failed write is ignored.
 * `LOCKSTEP_NO_CACHE=1` turns it off.
 */
export class JsonCache<T> {
  /**
   * The cache `name` of the workspace, or a cache that stores nothing when there's no node_modules.
   * `read: false` starts it empty, for a run that only sets entries: saving keeps only what the run used,
   * so reading the others would be for nothing.
   */
  public static open<T>(root: string, name: string, options: { read?: boolean } = {}): JsonCache<T> {
    const modules = path.join(root, 'node_modules');
    const usable = process.env.LOCKSTEP_NO_CACHE !== '1' && fs.existsSync(modules);
    return new JsonCache<T>(usable ? path.join(modules, '.cache', 'lockstep', `${name}.json`) : undefined, options.read ?? true);
  }

  private readonly entries: Map<string, T>;
  private readonly used = new Set<string>();
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    read: boolean,
  ) {
    this.entries = new Map(file !== undefined && read ? readEntries<T>(file) : []);
  }

  /** Whether the cache keeps anything (false with `LOCKSTEP_NO_CACHE=1` or without node_modules): then a key needn't be computed. */
  public get enabled(): boolean {
    return this.file !== undefined;
  }

  public get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) this.used.add(key);
    return value;
  }

  public set(key: string, value: T): void {
    this.entries.set(key, value);
    this.used.add(key);
    this.changed = true;
  }

  /** Writes the entries used in this run (dropping the others), when anything changed. */
  public save(): void {
    if (this.file === undefined || (!this.changed && this.used.size === this.entries.size)) return;
    const kept = [...this.entries].filter(([key]) => this.used.has(key));
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify({ version: CACHE_VERSION, node: process.version, entries: kept }));
      fs.renameSync(temp, this.file); // atomic: a concurrent run reads the old or the new file, never half
    } catch {
      // Only an optimization: a read-only checkout works, just without it.
    }
  }
}

function readEntries<T>(file: string): [string, T][] {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown; node?: unknown; entries?: unknown };
    if (data.version !== CACHE_VERSION || data.node !== process.version || !Array.isArray(data.entries)) return [];
    return data.entries as [string, T][];
  } catch {
    return [];
  }
}
