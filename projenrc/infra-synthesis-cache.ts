import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { infraStacks, templateFile, type InfraStack, type ResolvedConfig } from '@lockstep/model';
// Source files, not package names: packages/projen's tests type-check this file too.
import type { RenderingReuse } from '../packages/projen/src/rendering-reuse';

/** The sources and packages a synthesis depends on, besides the resolved config. */
// The model's sources too: the permission profiles the constructs render are data in packages/model/src/plan.
const SOURCE_DIRS = ['packages/model/src', 'packages/constructs/src', 'apps/infra/src'];
const PACKAGES = ['aws-cdk-lib', 'cdk-nag', 'constructs'];
/**
 * How many stacks one CDK app synthesizes at most. A CDK app holds every construct of its stacks until it is
 * synthesized; apps of a bounded size keep a full synthesis of thousands of stacks within a bounded memory.
 */
const SYNTHESIS_BATCH = 100;

/** One template file of the plan (a stack's, or a StackSet environment's instance template), as projen's JsonFile writes it. */
export interface TemplateText {
  /** The template's name: `templateFile(name)` is its file. */
  readonly name: string;
  readonly text: string;
}

/**
 * Returns every planned stack's template files, in the plan's order (a StackSet stack's instance template
 * right after it), synthesizing only the stacks whose inputs changed since their templates were last
 * written (one CDK app per batch of them).
 *
 * Why: synthesizing the CDK app (loading aws-cdk-lib, building the stacks) is most of what a regeneration
 * costs, and a one-repository edit touches one role stack. A stack's key covers exactly what its template
 * is a function of: its environment, its roles, the repositories mapped to them, the sources of the model,
 * the constructs and the app, and the versions of aws-cdk-lib, cdk-nag and constructs. `reuse` (the
 * rendering record, see `RenderingCache`) hands back the template files of a stack whose key is unchanged,
 * as written, so neither the synthesis nor projen's JSON rendering runs for it. The record lives in
 * node_modules/.cache, so a fresh clone (and CI) always synthesizes; the infra tests compare the committed
 * templates with a fresh synthesis, so a stale entry could not go unnoticed. `LOCKSTEP_NO_CACHE=1`
 * bypasses it.
 */
export function cachedInfraSynthesis(
  root: string,
  config: ResolvedConfig,
  reuse: RenderingReuse,
  // `synthesizeInfra` of @lockstep/infra, by its shape.
  synthesize: (only: ReadonlySet<string>) => { readonly stacks: readonly SynthesizedTemplates[] },
): TemplateText[] {
  const planned = infraStacks(config);
  const keys = stackKeys(sourcesKey(root), config, planned);
  const texts = new Map<string, string>();
  const stale: string[] = [];
  for (const stack of planned) {
    const names = templateNames(stack);
    const reused = names.map((name) => reuse.reuse(templateFile(name), keys.get(stack.stackName)));
    // A stack and its instance template are synthesized together: both are reused, or neither.
    if (reused.every((text) => text !== undefined)) names.forEach((name, i) => texts.set(name, reused[i]!));
    else stale.push(stack.stackName);
  }
  for (let i = 0; i < stale.length; i += SYNTHESIS_BATCH) {
    // Each template becomes its file's text at once, so that no batch's objects outlive it.
    for (const s of synthesize(new Set(stale.slice(i, i + SYNTHESIS_BATCH))).stacks) {
      texts.set(s.stackName, jsonFileText(s.template));
      if (s.stackSet !== undefined) texts.set(s.stackSet.name, jsonFileText(s.stackSet.template));
    }
  }
  return planned.flatMap((s) => templateNames(s).map((name) => ({ name, text: texts.get(name)! })));
}

/** What `synthesizeInfra` returns per stack, as far as the cache reads it. */
interface SynthesizedTemplates {
  readonly stackName: string;
  readonly template: Record<string, unknown>;
  readonly stackSet?: { readonly name: string; readonly template: Record<string, unknown> };
}

/** The names of a planned stack's template files: its own, and a StackSet environment's instance template. */
function templateNames(stack: InfraStack): string[] {
  return stack.stackSetTemplate === undefined ? [stack.stackName] : [stack.stackName, stack.stackSetTemplate];
}

/**
 * The text projen's JsonFile writes for a parsed JSON value with `marker: false` (and no overrides or
 * patches): projen 0.103.25 resolves the object (lib/_resolve.js `resolve`: drops `null` and `undefined`
 * array elements and `undefined` properties; JSON data has nothing else it changes), prints it with
 * two-space indentation (lib/object-file.js `ObjectFile.synthesizeContent`), parses and prints it again
 * and appends a newline (lib/json.js `JsonFile.synthesizeContent`). Parsing and printing JSON text gives
 * the same text, so printing the resolved value once is the same bytes.
 */
export function jsonFileText(value: unknown): string {
  return `${JSON.stringify(resolvedJson(value), undefined, 2)}\n`;
}

function resolvedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolvedJson).filter((x) => x !== null && x !== undefined);
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const resolved = resolvedJson(v);
      if (resolved !== undefined) result[k] = resolved;
    }
    return result;
  }
  return value;
}

/** Per stack: the hash of the sources and of the part of the config its template is made of. */
function stackKeys(base: string, config: ResolvedConfig, planned: readonly InfraStack[]): Map<string, string> {
  const reposByRole = new Map<string, ResolvedConfig['repos'][number][]>();
  for (const repo of config.repos) reposByRole.set(repo.role, [...(reposByRole.get(repo.role) ?? []), repo]);
  return new Map(planned.map((stack) => {
    // A base stack holds per-environment resources that may read any role or repository of the
    // environment; it is small, so its key takes them all. A role stack's key takes its roles and their
    // repositories only: that is what makes a one-repository edit one stack's synthesis.
    const roles = stack.kind === 'base' ? config.roles.filter((r) => r.environment === stack.environment.name) : stack.roles;
    const inputs = { stack: { ...stack, roles: undefined }, roles, repos: roles.map((r) => reposByRole.get(r.name) ?? []) };
    return [stack.stackName, createHash('sha256').update(base).update(JSON.stringify(inputs)).digest('hex')];
  }));
}

/** The hash of the synthesis's sources and package versions, shared by every stack. */
function sourcesKey(root: string): string {
  const hash = createHash('sha256');
  for (const dir of SOURCE_DIRS) {
    for (const file of filesUnder(path.join(root, dir))) {
      hash.update(`\0${path.relative(root, file)}\0`);
      hash.update(fs.readFileSync(file));
    }
  }
  for (const name of PACKAGES) {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    hash.update(`\0${name}@${manifest.version}`);
  }
  return hash.digest('hex');
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}
