import * as fs from 'node:fs';
import * as path from 'node:path';
import { LAYOUT } from '@lockstep/model';
import { InputError } from './cli-error';

/** Where a Lockstep repository keeps its config and the artifacts generated from it. */
export interface Workspace {
  /** The repository root (holds `lockstep.config.ts`). */
  readonly root: string;
  /** `lockstep.config.ts`, or undefined when the root has none. */
  readonly configFile?: string;
  /** `apps/repos`: one folder per onboarded repository, laid out as in that repository. */
  readonly reposDir: string;
  /** `apps/infra/templates`: the synthesized CloudFormation templates, `<stackName>.template.json`. */
  readonly templatesDir: string;
  /** `apps/infra/trust-policies`: trust policies of roles managed elsewhere, `<roleName>.json`. */
  readonly trustPoliciesDir: string;
}

/** What makes a folder a Lockstep repository: its config, or the artifacts generated from one. */
const MARKERS = [LAYOUT.config, LAYOUT.templatesDir, LAYOUT.reposDir];

/**
 * Finds the Lockstep repository: `--root` when given; else the nearest folder upward from the current
 * directory that holds `lockstep.config.ts` (or, without a config, `apps/infra/templates` or `apps/repos`); else the repository this CLI is part of (so that checking a
 * workflow copy inside a target repository still finds the templates).
 */
export function findWorkspace(cwd: string, explicitRoot?: string): Workspace {
  if (explicitRoot !== undefined) {
    const root = path.resolve(cwd, explicitRoot);
    if (!isDirectory(root)) throw new InputError(`--root ${explicitRoot}: no such directory`);
    return workspaceAt(root);
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (MARKERS.some((m) => fs.existsSync(path.join(dir, m)))) return workspaceAt(dir);
    if (path.dirname(dir) === dir) break;
  }
  // packages/cli/{src,lib}/workspace.* → the repository root three levels up.
  return workspaceAt(path.resolve(__dirname, '..', '..', '..'));
}

function workspaceAt(root: string): Workspace {
  const configFile = path.join(root, LAYOUT.config);
  return {
    root,
    configFile: fs.existsSync(configFile) ? configFile : undefined,
    reposDir: path.join(root, LAYOUT.reposDir),
    templatesDir: path.join(root, LAYOUT.templatesDir),
    trustPoliciesDir: path.join(root, LAYOUT.trustPoliciesDir),
  };
}

/** The names in a directory that end with one of `suffixes`, sorted; none when the directory doesn't exist. */
export function listFiles(dir: string, ...suffixes: string[]): string[] {
  try {
    // With their types although only names are kept: `lockstep check` notes the listing from these.
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .map((d) => d.name)
      .filter((f) => suffixes.some((s) => f.endsWith(s)))
      .sort();
  } catch {
    return [];
  }
}

/** The subdirectories of a directory, sorted; none when the directory doesn't exist. */
export function listDirs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/** A path as the user should read it: relative to the current directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  // The common case by string prefix: path.relative is costly when called for every one of many files.
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  if (file.startsWith(prefix) && !file.includes(`${path.sep}..`)) return file.slice(prefix.length);
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Whether `file` (absolute) is inside `dir` (absolute). */
export function isInside(file: string, dir: string): boolean {
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  if (file.startsWith(prefix) && !file.includes(`${path.sep}..`)) return file.length > prefix.length;
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
