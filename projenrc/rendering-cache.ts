import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
// The source file, not the package name: packages/projen's tests type-check this file too.
import type { RenderingReuse } from '../packages/projen/src/rendering-reuse';
import { sourcesKey } from './sources-key';

/** Packages whose code shapes the bytes of any generated file: the YAML printer, and projen's files. */
const PACKAGES = ['yaml', 'projen'];

/** The cache file's shape: per generated file (relative to the root), the key of its inputs and the hash of its content. */
interface CacheFile {
  readonly files: Record<string, { readonly key: string; readonly content: string }>;
}

/**
 * A {@link RenderingReuse} over the files on disk: a generated file whose inputs hash as they did when it
 * was last written, and whose bytes on disk are still the ones written then, is taken from the disk.
 *
 * Why: rendering the workflow and the docs page of every repository is the largest part of a regeneration
 * once the CDK synthesis is cached, and a one-repository edit changes the inputs of one repository's files.
 * A key covers the file's path, its inputs (as JSON), the renderers' sources (`sourceDirs`), and the
 * versions of yaml and projen; the content hash makes a hand-edited or half-written file render again.
 * The record lives in node_modules/.cache/lockstep, so a fresh clone (and CI) renders everything; the
 * tests render without it and compare with the committed files. `LOCKSTEP_NO_CACHE=1` bypasses it.
 */
export class RenderingCache implements RenderingReuse {
  /**
   * Opens the record `name` of `root` (the workspace root; projen's paths are relative to it), for files
   * rendered by the sources under `sourceDirs` (relative to the root).
   */
  public static open(root: string, name: string, sourceDirs: readonly string[]): RenderingCache {
    return new RenderingCache(root, name, sourceDirs, !process.env.LOCKSTEP_NO_CACHE);
  }

  private readonly file: string;
  private readonly base: string;
  private readonly previous: CacheFile['files'];
  /** Files reused this run, with their entries. */
  private readonly kept = new Map<string, CacheFile['files'][string]>();
  /** Files rendered this run, with their keys: their content is hashed once written. */
  private readonly rendered = new Map<string, string>();

  private constructor(private readonly root: string, name: string, sourceDirs: readonly string[], private readonly enabled: boolean) {
    this.file = path.join(root, 'node_modules', '.cache', 'lockstep', `${name}.json`);
    this.base = enabled ? sourcesKey(root, sourceDirs, PACKAGES) : '';
    let previous: CacheFile['files'] = {};
    if (enabled) {
      try {
        previous = (JSON.parse(fs.readFileSync(this.file, 'utf8')) as CacheFile).files ?? {};
      } catch {
        // no record yet, or an unreadable one: render every file
      }
    }
    this.previous = previous;
  }

  public reuse(filePath: string, inputs: unknown): string | undefined {
    if (!this.enabled) return undefined;
    const key = createHash('sha256').update(this.base).update('\0').update(filePath).update('\0').update(JSON.stringify(inputs)).digest('hex');
    const entry = this.previous[filePath];
    if (entry !== undefined && entry.key === key) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(path.join(this.root, filePath), 'utf8');
      } catch {
        // deleted since: render it again
      }
      if (text !== undefined && contentHash(text) === entry.content) {
        this.kept.set(filePath, entry);
        return text;
      }
    }
    this.rendered.set(filePath, key);
    return undefined;
  }

  /** Records this run's renderings: call it once projen has written them. Files no longer generated are forgotten. */
  public save(): void {
    if (!this.enabled || !fs.existsSync(path.join(this.root, 'node_modules'))) return;
    if (this.rendered.size === 0 && this.kept.size === Object.keys(this.previous).length) return;
    const files: CacheFile['files'] = Object.fromEntries(this.kept);
    for (const [filePath, key] of this.rendered) {
      try {
        files[filePath] = { key, content: contentHash(fs.readFileSync(path.join(this.root, filePath), 'utf8')) };
      } catch {
        // not written (the synthesis removed it): nothing to remember
      }
    }
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify({ files } satisfies CacheFile));
  }
}

function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
