import { formatIssues, resolve, type ResolvedConfig } from '@lockstep/model';
import { InputError } from './cli-error';
import { ConfigCache } from './config-cache';
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
  const cache = ConfigCache.open(workspace.root);
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
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
  cache.remember(file, result.config);
  return result.config;
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
