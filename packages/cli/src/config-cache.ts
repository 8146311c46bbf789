import * as path from 'node:path';
import type { ResolvedConfig } from '@lockstep/model';
import { JsonCache } from './cache';
import { contentProof, stillProven } from './file-stamp';

/** A resolved config, with every file it was derived from and what proves each unchanged ({@link contentProof}). */
interface CachedConfig {
  readonly dependencies: readonly (readonly [string, string])[];
  readonly config: ResolvedConfig;
}

/**
 * What `lockstep.config.ts` resolved to, kept in the workspace's `node_modules/.cache/lockstep/config.json`
 * with the files it was derived from, so that a run can skip loading zod, validating and resolving (a fifth
 * of a second at a thousand repositories) while none of them changed.
 *
 * Two writers, one format: the CLI after resolving, and `npx projen` (projenrc/lockstep-config.ts), which
 * resolves the same file just before the `lockstep check` that usually follows an edit. The dependencies
 * are every module the writing process has loaded from outside node_modules when it resolved: the config
 * and what it imports, and the model whose `resolve()` ran — its TypeScript sources under projen, its
 * compiled output in the CLI, which bin/lockstep.js runs only while it is up to date with those sources.
 * A superset is safe: a file listed that needn't be only costs a miss when it changes.
 */
export class ConfigCache {
  /** The workspace's cache (one that keeps nothing with `LOCKSTEP_NO_CACHE=1` or without node_modules). */
  public static open(root: string): ConfigCache {
    return new ConfigCache(JsonCache.open<CachedConfig>(root, 'config'));
  }

  /** The workspace's cache, to {@link remember} a config only (as `npx projen` does): the file is not read first. */
  public static forWriting(root: string): ConfigCache {
    return new ConfigCache(JsonCache.open<CachedConfig>(root, 'config', { read: false }));
  }

  private constructor(private readonly cache: JsonCache<CachedConfig>) {}

  /** The config `configFile` resolved to, when every file it was derived from is unchanged. */
  public get(configFile: string): ResolvedConfig | undefined {
    // Keyed by the config's path: node_modules (and so the cache) may be shared by several checkouts.
    const cached = this.cache.get(configFile);
    if (cached === undefined || !cached.dependencies.every(([file, proof]) => stillProven(file, proof))) return undefined;
    this.cache.save();
    return cached.config;
  }

  /** Keeps `config` as what `configFile` resolves to in this process (see the class comment). */
  public remember(configFile: string, config: ResolvedConfig): void {
    if (!this.cache.enabled) return; // nothing to key: reading every module would be for nothing
    const dependencies: [string, string][] = [];
    for (const file of Object.keys(require.cache)) {
      if (file.includes(`${path.sep}node_modules${path.sep}`)) continue;
      const proof = contentProof(file);
      if (proof !== undefined) dependencies.push([file, proof]);
    }
    this.cache.set(configFile, { dependencies, config });
    this.cache.save();
  }
}
