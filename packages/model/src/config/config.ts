import type { SubjectsConfig } from '../github/subjects';
import type { TriggersConfig } from '../github/triggers';
/**
 * The GitHub organization or user that owns every onboarded repository.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
 */
export interface GitHubConfig {
  /**
   * The owner's login exactly as GitHub spells it (IAM compares `sub` case-sensitively), e.g. `honeyhiveai`.
   * Just the name: not a URL.
   */
  owner: string;
  /**
   * The owner's numeric id (`curl https://api.github.com/users/OWNER` → `id`), as a string of digits.
   * Needed for immutable subjects (`repo:OWNER@OWNER_ID/REPO@REPO_ID:…`).
   * @default not recorded: only legacy (name-based) subjects can be derived
   */
  ownerId?: string;
  /**
   * The platform repository that holds Lockstep's one reusable lambda-tests workflow
   * (`.github/workflows/lockstep-lambda-tests.yml`, generated into `apps/repos/<repo>/`), and the commit the
   * callers of the repositories with `lambdaTests.central` pin it at. `ref` is a full 40-hex commit SHA, not
   * a tag or branch: a tag can be moved by anyone who can push to the platform repository, and every `uses:`
   * Lockstep writes is pinned to a commit. The roles of those repositories then also require
   * `job_workflow_ref` = `OWNER/<repo>/.github/workflows/lockstep-lambda-tests.yml@<ref>`: changing `ref`
   * moves every caller and every trust policy together.
   * @default no central workflow: each repository gets its own full lambda-tests workflow
   * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/using-openid-connect-with-reusable-workflows
   */
  centralWorkflow?: CentralWorkflowConfig;
}

/** Where the central reusable workflow lives, and the commit its callers pin. */
export interface CentralWorkflowConfig {
  /** The platform repository's name under `github.owner`, e.g. `platform` (just the name). */
  repo: string;
  /** The full 40-hex commit SHA of the platform repository that holds the generated workflow. */
  ref: string;
}

/**
 * One AWS environment: an account and a region, deployed as one stack; no two environments share both.
 * Its name (the config key) names the stack, so it is letters, digits and single hyphens. It is not the
 * GitHub deployment environment of a job: that is `lambdaTests.githubEnvironment`.
 */
export interface EnvironmentConfig {
  /**
   * The 12-digit AWS account id, as a string (a number would lose leading zeros), e.g. `'654654498014'`.
   * Required unless `stackSet` targets many accounts instead.
   */
  account?: string;
  /**
   * The AWS region, e.g. `us-west-2`; it decides the partition (`cn-*` → `aws-cn`, `us-gov-*` → `aws-us-gov`, else `aws`).
   * Required unless `stackSet` is given (then its `regions`).
   * @see https://docs.aws.amazon.com/general/latest/gr/rande.html
   */
  region?: string;
  /**
   * Many accounts instead of one: the environment is deployed as one CloudFormation StackSet with
   * service-managed permissions to every account of the given organizational units, in each of the given
   * regions. Write it instead of `account` and `region`.
   * @default one account and region (`account`, `region`), deployed as CDK stacks
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html
   */
  stackSet?: StackSetConfig;
  /**
   * The `aud` claim the workflows request and the provider accepts. Only the partition's STS audience is
   * accepted; write it to make the choice explicit, and the config is refused if it doesn't match the region.
   * @default `sts.amazonaws.com`, or `sts.amazonaws.com.cn` in the `aws-cn` partition (what configure-aws-credentials sends)
   * @see https://github.com/aws-actions/configure-aws-credentials#oidc-audience
   */
  audience?: string;
  /**
   * How many role stacks (`Lockstep-<environment>--01` … `--NN`) the environment's Lockstep-managed roles
   * are spread over, each role by a fixed hash of its name; only the stacks that hold a role exist. The
   * config is refused when one would pass 400 resources, with the value to set. Changing it moves most
   * roles to another stack (deleted, then created again): a one-time outage for the environment's
   * workflows, see apps/infra/README.md.
   * @default 100
   */
  roleStacks?: number;
}

/**
 * Where a StackSet environment is deployed: organizational units (and optionally only some of their accounts)
 * in some regions, and from which account the StackSet is administered.
 */
export interface StackSetConfig {
  /**
   * The organizational units whose accounts get the stack, e.g. `['ou-abcd-12345678']` (or the root, `r-abcd`).
   * Accounts that later join one of them get it too while `autoDeployment.enabled` holds.
   */
  organizationalUnits: string[];
  /**
   * Only these accounts of the organizational units (a staged rollout: a few accounts first), 12-digit ids.
   * @default every account of the organizational units
   */
  accounts?: string[];
  /**
   * The regions of every account, e.g. `['us-west-2', 'us-east-1']`, no duplicates, one partition. The first is
   * the home region: IAM is global, so the provider and the roles are created by the stack instance of the
   * home region only; regional resources (the SAM artifact bucket) by every instance. Generated workflows
   * run in the home region.
   */
  regions: string[];
  /**
   * The account that holds the StackSet — the organization's management account or a delegated
   * administrator for StackSets — and the region of the CDK stack that creates it.
   */
  administration: StackSetAdministrationConfig;
  /**
   * The account in which generated workflows (`lambdaTests`) assume their role and deploy their test stacks.
   * @default the first of `accounts`; required when only organizational units are given
   */
  workflowAccount?: string;
  /**
   * How many accounts per region may fail before CloudFormation stops the operation: a count (`1`) or a
   * percentage (`'10%'`).
   * @default 0: the first failure stops the rollout
   */
  failureTolerance?: number | string;
  /**
   * How many accounts are deployed at once: a count (`5`) or a percentage (`'25%'`); at most the failure
   * tolerance + 1 with counts.
   * @default 1
   */
  maxConcurrency?: number | string;
  /** What happens when accounts join or leave the organizational units. */
  autoDeployment?: {
    /**
     * Deploy to accounts that join the organizational units (and remove from accounts that leave).
     * @default true
     */
    enabled?: boolean;
    /**
     * Keep the stack (its roles) in an account that leaves the organizational units.
     * @default false: the account's Lockstep roles are deleted when it leaves
     */
    retainStacksOnAccountRemoval?: boolean;
  };
}

/** The account and region that administer a StackSet. */
export interface StackSetAdministrationConfig {
  /** The 12-digit id of the management account or of a delegated administrator for StackSets. */
  account: string;
  /** The region of the stack that creates the StackSet, e.g. `us-east-1`. */
  region: string;
  /**
   * `true` when `account` is a delegated administrator (`CallAs: DELEGATED_ADMIN`), `false` for the
   * management account itself (`SELF`).
   * @default true
   */
  delegatedAdmin?: boolean;
}

/**
 * Whether this stack creates the account's GitHub OIDC provider or imports the one that exists
 * (an account holds one provider per URL: a second `create` fails with `EntityAlreadyExists`).
 * For a StackSet environment it holds for every target account: `create` makes the home-region instance
 * of each account create the provider (and fails in an account that already has one, e.g. from
 * Terraform); `import` requires every account of the organizational units to have it already.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 */
export type ProviderMode = 'import' | 'create';

/** One IAM role that GitHub workflows assume. Its name is the config key. */
/** A statement a role's config adds to its `sam-lambda-testing` execution role. */
export interface ExtraStatement {
  /** Actions, e.g. `states:CreateStateMachine`; no wildcard. */
  readonly actions: readonly string[];
  /** Resource ARNs (patterns); `*` only where the action has no resource-level permissions. */
  readonly resources: readonly string[];
  /** Why the tests need it, for reviewers: shown in the docs and the cdk-nag acknowledgement. */
  readonly why: string;
}

export interface RoleConfig {
  /** The configured environment (account + region) the role lives in. */
  environment: string;
  /**
   * IAM path: `/` or `/segment/…/`, up to 512 characters.
   * @default '/'
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-friendly-names
   */
  path?: string;
  /**
   * Who creates and updates the role. `lockstep`: the CDK stack. `terraform` / `external`: code elsewhere,
   * which applies the trust policy Lockstep exports; Lockstep never touches the role's permissions.
   * @default 'lockstep'
   */
  managedBy?: 'lockstep' | 'terraform' | 'external';
  /**
   * What the role may do. Required when `managedBy` is `lockstep`; not allowed otherwise (a role managed
   * elsewhere keeps the permissions its owner gives it). `sam-lambda-testing` is scoped to the test stacks
   * of the role's repositories, so every repository mapped to such a role needs `lambdaTests`.
   * @default none (only valid for roles managed elsewhere)
   */
  permissions?: 'sam-lambda-testing';
  /**
   * The longest session the role allows, in seconds, 3,600–43,200.
   * @default 3600
   * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
   */
  maxSessionDuration?: number;
  /**
   * ARN of a managed policy that bounds the role's own permissions, in the role's partition and account
   * (or an AWS managed policy, account `aws`).
   * @default no permissions boundary
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
   */
  permissionsBoundary?: string;
  /**
   * The trust policy size limit of the role's account, in non-whitespace characters. Raise it only after
   * AWS raised the quota "Role trust policy length" (L-C07B4B0D, up to 4,096) for the account.
   * @default 2048
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  trustPolicyQuota?: number;
  /**
   * When the trust policy would pass `trustPolicyQuota`, spread the role's repositories over numbered
   * roles `<name>-1`, `<name>-2`, … instead of refusing the config. Each numbered role is a full copy of
   * this one (environment, path, permissions, session, boundary) trusting whole repositories only — a job
   * assumes one role, so one repository's subjects are never split — and each repository's workflow
   * assumes its numbered role.
   *
   * Repositories are taken in name order and fill role 1 until the next one wouldn't fit, then role 2, and
   * so on: each numbered role holds an alphabetical range, and onboarding a repository that sorts last
   * never moves another. The trade-off: a change early in the alphabet (a new repository, more subjects)
   * can move the repositories after it to the next role, and a range may leave room that a later, smaller
   * repository could have used. While the policy fits, nothing is split and the role keeps its plain
   * name; the day it no longer fits, the role is replaced by `<name>-1`, `<name>-2`, … (new roles), so
   * deploy the stack and deliver the regenerated workflows together. A role managed elsewhere
   * (`managedBy` not `lockstep`) is split too: its owner must create each numbered role from its
   * exported trust policy.
   * @default false: a trust policy over the quota is refused, with the fixes
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  splitWhenOverQuota?: boolean;
  /**
   * A sentence for the role's IAM description.
   * @default none
   */
  description?: string;
  /**
   * Statements added to the CloudFormation execution role of a `sam-lambda-testing` role, for what the
   * profile doesn't cover (another resource type), each with the reason; rendered into the policy, acknowledged in
   * cdk-nag and listed in the docs with that reason. Wildcard actions, IAM actions other than a scoped
   * `iam:PassRole`, and `sts:` / `organizations:` actions are refused.
   * @default none
   */
  extraStatements?: ExtraStatement[];
  /**
   * Bind the role to the generated lambda-tests workflow file: its trust policy also requires
   * `job_workflow_ref` = `OWNER/REPO/.github/workflows/lambda-tests.yml@<the run's ref>` (pull requests:
   * `@refs/pull/*\/merge`), so no other workflow file of the same repository can assume it. Subjects a
   * repository declares under `subjects` (workflows Lockstep doesn't generate) stay unbound. A repository
   * on the central workflow is bound to that instead, whatever this says.
   * @default false: any workflow file of a trusted repository that presents a trusted `sub` may assume the role
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
   */
  bindWorkflow?: boolean;
}

/** The lambda-tests workflow Lockstep generates for a repository (sam build / deploy / test / delete). */
export interface LambdaTestsConfig {
  /** The events that start it; at least one. */
  on: TriggersConfig;
  /**
   * A configured AWS environment name that the job also references as its GitHub environment (kept for
   * configs written before `githubEnvironment`; prefer that). The job's `sub`
   * is then `repo:O/R:environment:NAME` for every event, and only that subject is trusted.
   * @default no environment: the subject follows the event (pull_request, branch or tag)
   * @see https://docs.github.com/en/actions/deployment/targeting-different-environments/using-environments-for-deployment
   */
  environment?: string;
  /**
   * The GitHub deployment environment the job references (any name GitHub accepts, up to 255 characters),
   * independent of the AWS environment its role lives in. The job's `sub` is then
   * `repo:O/R:environment:NAME` for every event (a `:` in the name is sent as `%3A`), and only that is trusted.
   * Give this or `environment`, not both.
   * @default no GitHub environment: the subject follows the event (pull_request, branch or tag)
   * @see https://docs.github.com/en/actions/reference/security/oidc#filtering-for-metadata-containing-
   */
  githubEnvironment?: string;
  /**
   * The Lambda runtime of the SAM project's functions, as its template's `Runtime` writes it
   * (`python3.12`, `nodejs22.x`, `java21`, `dotnet10`, `ruby3.4`, `provided.al2023`, …): the job sets up
   * that language and version, which `sam build` needs on PATH.
   * @default 'python3.12' (or `python<pythonVersion>` when `pythonVersion` is given)
   * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
   */
  runtime?: string;
  /**
   * The shell command that installs what the test command needs (the package under test, the test
   * runner), run in its own step from the repository root before `sam build`, without AWS credentials,
   * e.g. `pip install -e . pytest` or `npm ci`.
   * @default no install step: the test command uses only what the set-up steps and the runner image provide
   */
  installCommand?: string;
  /**
   * The SAM project's folder, relative to the repository root, inside it.
   * @default '.'
   */
  workingDirectory?: string;
  /** The shell command that runs the tests once the stack is deployed, e.g. `pytest tests/lambda -v`. */
  testCommand: string;
  /**
   * Python version for actions/setup-python; must agree with `runtime` (sam build checks the interpreter).
   * @default the version of `runtime` when that is a Python runtime, else '3.12'
   */
  pythonVersion?: string;
  /**
   * The job's timeout in minutes, 30–360. Each step gets a share as its own timeout, and `sam delete`
   * keeps 10 minutes, so a hung deploy or test can't use up the time the clean-up needs.
   * @default 60
   */
  timeoutMinutes?: number;
  /**
   * `role-duration-seconds` of configure-aws-credentials: 900 up to the role's `maxSessionDuration`.
   * @default 3600
   */
  sessionDurationSeconds?: number;
  /**
   * Run the tests through the central reusable workflow (`github.centralWorkflow`): the repository gets a
   * small caller `lambda-tests.yml` (its triggers, environment, job permissions and the pinned `uses:`),
   * and its role also requires the central workflow's `job_workflow_ref`.
   * @default false: the repository gets the full workflow
   */
  central?: boolean;
}

/** One onboarded repository of the owner. Its name is the config key. */
export interface RepoConfig {
  /** The role (config key under `roles`) its workflows assume. */
  role: string;
  /**
   * The repository's numeric id (`curl https://api.github.com/repos/OWNER/REPO` → `id`), as digits.
   * @default not recorded: only legacy subjects
   */
  id?: string;
  /**
   * Which `sub` format to trust: by name (`repo:O/R:…`), by immutable ids (`repo:O@OID/R@RID:…`, for
   * repositories created, renamed or transferred since 2026-07-15, or opted in), or both while migrating.
   * `immutable` and `both` need `id` here and `github.ownerId`.
   * @default 'immutable' when `id` is set, else 'legacy'
   * @see https://docs.github.com/en/rest/actions/oidc#get-the-customization-template-for-an-oidc-subject-claim-for-a-repository
   */
  subjectFormat?: 'legacy' | 'immutable' | 'both';
  /**
   * The repository's default branch (scheduled runs and `workflowDispatch: true` use it).
   * @default 'main'
   */
  defaultBranch?: string;
  /**
   * Generate the lambda-tests workflow for this repository.
   * @default no generated workflow (then `subjects` is required)
   */
  lambdaTests?: LambdaTestsConfig;
  /**
   * Subjects of workflows Lockstep doesn't generate.
   * @default none (then `lambdaTests` is required)
   */
  subjects?: SubjectsConfig;
}

/**
 * The scheduled workflow that deletes test stacks left behind (a cancelled run, a lost runner, a delete
 * that failed): one workflow in one repository, with one role per AWS environment whose trust admits
 * exactly that workflow's GitHub environment.
 */
export interface SweeperConfig {
  /**
   * The repository of `github.owner` the sweeper workflow runs in (just the name), typically the platform
   * repository that holds lockstep.config.ts; it need not be under `repos`.
   */
  repo: string;
  /**
   * A test stack older than this many hours is deleted: a whole number, longer than the longest
   * `lambdaTests.timeoutMinutes`, so that a stack whose job still runs is never swept.
   * @default 6, or one hour more than the longest lambdaTests timeout when that is 6 hours
   */
  maxAgeHours?: number;
  /**
   * When it runs: a 5-field cron expression (UTC).
   * @default '17 * * * *' (hourly, off the full hour, when GitHub's scheduler is busiest)
   * @see https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
   */
  schedule?: string;
  /**
   * The GitHub deployment environment of the sweeper's jobs: their `sub` is
   * `repo:OWNER/REPO:environment:NAME`, which no push or pull request presents. A scheduled run without an
   * environment presents the same `sub` as any push to the default branch. Restrict the environment's
   * deployment branches to the default branch in the repository's settings.
   * @default 'lockstep-sweeper'
   * @see https://docs.github.com/en/actions/reference/security/oidc#filtering-for-metadata-containing-
   */
  githubEnvironment?: string;
}

/** The whole Lockstep config (`lockstep.config.ts`): who may assume which role, from which workflows. */
export interface LockstepConfig {
  github: GitHubConfig;
  /** AWS environments by name, e.g. `{ testing: { account: '654654498014', region: 'us-west-2' } }`. */
  environments: Record<string, EnvironmentConfig>;
  /**
   * Per environment name, whether its stack creates the GitHub OIDC provider or imports the existing one.
   * Only an environment alone in its account may `create` it: `import` means the provider exists already,
   * outside the Lockstep stacks, so with several environments in one account, create it elsewhere (e.g.
   * Terraform) and import it in each.
   * @default 'import' for every environment (creating a provider that exists fails the deployment)
   */
  providers?: Record<string, ProviderMode>;
  /** IAM roles by name (1–64 of `[\w+=,.@-]`, unique ignoring case). */
  roles: Record<string, RoleConfig>;
  /** Repositories by name (just the name, not `owner/name` or a URL). */
  repos: Record<string, RepoConfig>;
  /**
   * Generate the sweeper workflow, which deletes old test stacks of the `sam-lambda-testing` repositories.
   * @default no sweeper
   */
  sweeper?: SweeperConfig;
  /**
   * Says that no repository is onboarded, on purpose. With an empty `repos`, regenerating removes every
   * generated workflow and stack; without this, `npx projen` refuses to (an emptied `repos` is more often a
   * mistake, such as a mistyped spread, than a decision).
   * @default undefined: an empty `repos` that would remove generated files is refused
   */
  noRepositories?: true;
}

/**
 * Types a config object; returns it unchanged. `export default defineConfig({ … })` in `lockstep.config.ts`
 * gives completion and compile-time checks; `resolve()` does the rest.
 */
export function defineConfig(config: LockstepConfig): LockstepConfig {
  return config;
}
