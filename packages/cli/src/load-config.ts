import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatIssues, resolve, type ResolvedConfig } from '@lockstep/model';
import { hashText, JsonCache } from './cache';
import { InputError } from './cli-error';
import { displayPath, type Workspace } from './workspace';

/**
 * Loads and resolves the workspace's `lockstep.config.ts`, or returns undefined when it has none (e.g. when
 * only a workflow copy and a live trust policy are checked).
 *
 * Why the CLI reads the config at all: the artifacts carry the subjects, role ARNs and trust policies, but
 * not what the checker needs to derive the subjects a workflow presents from its own triggers — the
 * repository's subject format and numeric ids, its default branch, the owner's canonical casing — nor the
 * account and region of a synthesized template whose ARNs are still `Ref`/`Fn::Join` intrinsics, nor the path
 * of a role managed elsewhere. Reading those from the one source they come from is exact; guessing them from
 * the artifacts is what the checker falls back to only when there is no config.
 *
 * The config is TypeScript: it is loaded through tsx's CommonJS loader (already active when the CLI runs from
 * its sources), with `@lockstep/model` resolved by the bin to the same copy the CLI uses.
 */
export function loadConfig(workspace: Workspace, cwd: string): ResolvedConfig | undefined {
  const file = workspace.configFile;
  if (file === undefined) return undefined;
  const shown = displayPath(file, cwd);
  const cache = JsonCache.open<CachedConfig>(workspace.root, 'config');
  // Keyed by the config's path: node_modules (and so the cache) may be shared by several checkouts.
  const cached = cache.get(file);
  if (cached !== undefined && cached.dependencies.every(([f, hash]) => hashFile(f) === hash)) {
    cache.save();
    return cached.config;
  }
  const unregister = ensureTypeScriptLoader();
  let exported: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(file);
  } catch (e) {
    throw new InputError(`${shown}: cannot be loaded: ${firstLine(e)}`);
  } finally {
    // Every later require (zod, when resolve() runs) would go through the loader's hooks, at twice the cost.
    unregister?.();
  }
  const config = (exported as { default?: unknown }).default ?? exported;
  const result = resolve(config);
  if (!result.ok) {
    throw new InputError(`${shown} has ${result.issues.length} problem(s); fix them, then run \`npx projen\`:\n${formatIssues(result.issues)}`);
  }
  if (!cache.enabled) return result.config; // nothing to key: reading and hashing every module would be for nothing
  // Every module loaded so far outside node_modules (the config and what it imports, the model, the CLI):
  // if none of them changes, resolving again would give the same config.
  const dependencies = Object.keys(require.cache)
    .filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`) && fs.existsSync(f))
    .map((f): [string, string] => [f, hashFile(f) ?? '']);
  cache.set(file, { dependencies, config: result.config });
  cache.save();
  return result.config;
}

/** The resolved config, with the files it was derived from and their hashes. */
interface CachedConfig {
  readonly dependencies: readonly (readonly [string, string])[];
  readonly config: ResolvedConfig;
}

function hashFile(file: string): string | undefined {
  try {
    return hashText(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Registers tsx's CommonJS loader unless a TypeScript loader is active; returns how to unregister it. */
function ensureTypeScriptLoader(): (() => void) | undefined {
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  if (require.extensions['.ts'] !== undefined) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tsx = require('tsx/cjs/api') as { register: () => () => void };
  return tsx.register();
}

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n').find((l) => l.trim() !== '') ?? message;
}
