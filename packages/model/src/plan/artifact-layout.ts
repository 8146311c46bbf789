/**
 * Where every generated file lives: the contract between the generators (projen), the CDK app, `lockstep
 * check` and `lockstep sync`. Paths use `/` and are relative to the workspace root (the folder of
 * lockstep.config.ts) or, for {@link REPO_FILES}, to a target repository's root. No other module spells
 * these paths.
 */
export const LAYOUT = {
  /** The one config. */
  config: 'lockstep.config.ts',
  /** One folder per onboarded repository, laid out as in that repository. */
  reposDir: 'apps/repos',
  /** The CDK app. */
  infraDir: 'apps/infra',
  /** The synthesized CloudFormation templates, `<stack name>.template.json`. */
  templatesDir: 'apps/infra/templates',
  /** The trust policies of roles managed elsewhere, `<role name>.json`. */
  trustPoliciesDir: 'apps/infra/trust-policies',
  /** The access report. */
  accessReport: 'ACCESS.md',
} as const;

/** The files Lockstep generates inside a target repository, relative to its root. */
export const REPO_FILES = {
  /** Its workflows' folder, where `lockstep check` looks. */
  workflowsDir: '.github/workflows',
  /** The Lambda test workflow. */
  lambdaTestsWorkflow: '.github/workflows/lambda-tests.yml',
  /** The sweeper workflow, in the repository `sweeper.repo` names. */
  sweeperWorkflow: '.github/workflows/lockstep-sweeper.yml',
  /** The docs page of that workflow. */
  lambdaTestingDocs: 'docs/development/testing/lambda-testing.rst',
} as const;

/** A file name ending of the templates folder (`Lockstep-testing.template.json` → stack `Lockstep-testing`). */
export const TEMPLATE_SUFFIX = '.template.json';

/** `apps/repos/<repo>`: a repository's generated files, laid out as in that repository. */
export function repoDir(repo: string): string {
  return `${LAYOUT.reposDir}/${repo}`;
}

/** A generated file of a repository, from the workspace root, e.g. `apps/repos/python-sdk/.github/workflows/lambda-tests.yml`. */
export function repoFile(repo: string, file: string): string {
  return `${repoDir(repo)}/${file}`;
}

/** The committed template of a stack, from the workspace root: `apps/infra/templates/<stack>.template.json`. */
export function templateFile(stackName: string): string {
  return `${LAYOUT.templatesDir}/${stackName}${TEMPLATE_SUFFIX}`;
}

/** The exported trust policy of a role managed elsewhere, from the workspace root: `apps/infra/trust-policies/<role>.json`. */
export function exportedTrustPolicyFile(roleName: string): string {
  return `${LAYOUT.trustPoliciesDir}/${roleName}.json`;
}

/** A path from the workspace root, relative to another folder of the layout (e.g. the CDK app's, for its own files). */
export function relativeTo(dir: string, file: string): string {
  if (!file.startsWith(`${dir}/`)) throw new Error(`${file} is not under ${dir}`);
  return file.slice(dir.length + 1);
}
