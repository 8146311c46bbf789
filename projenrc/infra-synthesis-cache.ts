import { createHash } from 'node:crypto';
import { infraStacks, templateFile, type InfraStack, type ResolvedConfig } from '@lockstep/model';
// Source files, not package names: packages/projen's tests type-check this file too.
import type { RenderingReuse } from '../packages/projen/src/rendering-reuse';
import { sourcesKey } from './sources-key';
import { synthesisWorker } from './synthesis-worker';
import { templateTexts, type SynthesizedTemplates, type TemplateText } from './template-text';

/** The sources and packages a synthesis depends on, besides the resolved config. */
// The model's sources too: the permission profiles the constructs render are data in packages/model/src/plan.
const SOURCE_DIRS = ['packages/model/src', 'packages/constructs/src', 'apps/infra/src'];
const PACKAGES = ['aws-cdk-lib', 'cdk-nag', 'constructs'];
/**
 * How many role resources one process synthesizes at most. aws-cdk-lib registers its tokens in a global map
 * (`TokenMap`, `global.__cdkTokenMap`) that is never cleared — the closures behind the tokens keep every
 * construct of every app synthesized in the process alive (aws/aws-cdk#11250 describes the retention,
 * #36692 the allocation); measured: about 0.8 MB retained per stack of the 1,000-repository scale config,
 * 3 GB for a full synthesis of 5,000 repositories in one process. So a synthesis larger than this runs in
 * child processes of this size each, whose memory is returned when they exit; a smaller one (a
 * one-repository edit) stays in this process, which spares the child's start-up.
 */
const RESOURCES_PER_PROCESS = 2_400;

/**
 * Returns every planned stack's template files, in the plan's order (a StackSet stack's instance template
 * right after it), synthesizing only the stacks whose inputs changed since their templates were last
 * written: in this process, or in child processes by batch when they are many (`RESOURCES_PER_PROCESS`).
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
  synthesizeApart: ((only: readonly string[]) => readonly TemplateText[]) | undefined = synthesisWorker(config),
): TemplateText[] {
  const planned = infraStacks(config);
  const keys = stackKeys(sourcesKey(root, SOURCE_DIRS, PACKAGES), config, planned);
  const texts = new Map<string, string>();
  const stale: InfraStack[] = [];
  for (const stack of planned) {
    const names = templateNames(stack);
    const reused = names.map((name) => reuse.reuse(templateFile(name), keys.get(stack.stackName)));
    // A stack and its instance template are synthesized together: both are reused, or neither.
    if (reused.every((text) => text !== undefined)) names.forEach((name, i) => texts.set(name, reused[i]!));
    else stale.push(stack);
  }
  const batches = batchesOf(stale);
  if (synthesizeApart !== undefined && batches.length > 1) {
    for (const batch of batches) for (const t of synthesizeApart(batch)) texts.set(t.name, t.text);
  } else if (stale.length > 0) {
    // Not when every template was reused: then aws-cdk-lib is not even loaded.
    for (const t of templateTexts(synthesize(new Set(stale.map((s) => s.stackName))).stacks)) texts.set(t.name, t.text);
  }
  return planned.flatMap((s) => templateNames(s).map((name) => ({ name, text: texts.get(name)! })));
}

/** The stack names in batches of at most {@link RESOURCES_PER_PROCESS} role resources (a larger stack alone). */
function batchesOf(stacks: readonly InfraStack[]): string[][] {
  const batches: string[][] = [];
  let size = Infinity;
  for (const stack of stacks) {
    // A base stack counts as one role's worth: its resources are few.
    const resources = Math.max(stack.roleResources, 4);
    if (size + resources > RESOURCES_PER_PROCESS) {
      batches.push([]);
      size = 0;
    }
    batches.at(-1)!.push(stack.stackName);
    size += resources;
  }
  return batches;
}

/** The names of a planned stack's template files: its own, and a StackSet environment's instance template. */
function templateNames(stack: InfraStack): string[] {
  return stack.stackSetTemplate === undefined ? [stack.stackName] : [stack.stackName, stack.stackSetTemplate];
}

/** Per stack: the hash of the sources and of the part of the config its template is made of. */
function stackKeys(base: string, config: ResolvedConfig, planned: readonly InfraStack[]): Map<string, string> {
  const reposByRole = new Map<string, ResolvedConfig['repos'][number][]>();
  for (const repo of config.repos) {
    if (!reposByRole.has(repo.role)) reposByRole.set(repo.role, []);
    reposByRole.get(repo.role)!.push(repo);
  }
  return new Map(planned.map((stack) => {
    // A base stack holds per-environment resources that may read any role or repository of the
    // environment; it is small, so its key takes them all. A role stack's key takes its roles and their
    // repositories only: that is what makes a one-repository edit one stack's synthesis.
    const roles = stack.kind === 'base' ? config.roles.filter((r) => r.environment === stack.environment.name) : stack.roles;
    const inputs = { stack: { ...stack, roles: undefined }, roles, repos: roles.map((r) => (reposByRole.get(r.name) ?? []).map(withoutWorkflowOnly)) };
    return [stack.stackName, createHash('sha256').update(base).update(JSON.stringify(inputs)).digest('hex')];
  }));
}

/**
 * The fields of a repository's `lambdaTests` that only its workflow reads: no construct reads them, so a
 * change to one of them (the most common edit after onboarding: the test or install command) re-renders the
 * workflow without synthesizing a stack. A test synthesizes with all of them changed and compares every
 * template; a construct that starts reading one changes the constructs' sources, hence every key.
 */
export const WORKFLOW_ONLY_FIELDS = ['testCommand', 'installCommand', 'workingDirectory', 'runtime', 'pythonVersion', 'timeoutMinutes'] as const;

function withoutWorkflowOnly(repo: ResolvedConfig['repos'][number]): unknown {
  if (repo.lambdaTests === undefined) return repo;
  const lambdaTests: Record<string, unknown> = { ...repo.lambdaTests };
  for (const field of WORKFLOW_ONLY_FIELDS) delete lambdaTests[field];
  return { ...repo, lambdaTests };
}
