import type { Partition } from '../iam/partition';
import type { ResolvedProvider } from '../github/oidc-provider';
import type { SubjectFormat } from '../github/subject-prefix';
import type { ResolvedTriggers } from '../github/triggers';
import type { SubjectGrant } from '../github/trust-policy';
import type { PolicyDocument } from '../iam/policy-document';
import type { LambdaRuntime } from './lambda-runtime';
import type { ExtraStatement } from './config';

/**
 * The permission profiles Lockstep knows how to grant. `test-stack-sweeper` is Lockstep's own, given only
 * to the sweeper's roles (see {@link ResolvedSweeper}); a config can't write it.
 */
export type PermissionProfile = 'sam-lambda-testing' | 'test-stack-sweeper';

/** Who creates and updates a role: this CDK app, or code elsewhere (e.g. Terraform) that reads our exported trust policy. */
export type RoleManager = 'lockstep' | 'terraform' | 'external';

/** One AWS environment (account + region), resolved. */
export interface ResolvedEnvironment {
  /** The name used in the config, e.g. `testing`. */
  readonly name: string;
  /** 12-digit account id. */
  readonly account: string;
  readonly region: string;
  /** Derived from the region. */
  readonly partition: Partition;
  /** The `aud` configure-aws-credentials presents: `sts.amazonaws.com`, `sts.amazonaws.com.cn` in China. */
  readonly audience: string;
  /** The GitHub OIDC provider of this account. */
  readonly provider: ResolvedProvider;
  /** Deterministic CloudFormation stack name of this environment, e.g. `Lockstep-testing`. */
  readonly stackName: string;
  /** How many role stacks the environment's roles are hashed over (`environments.<env>.roleStacks`, default 100). */
  readonly roleStacks: number;
  /**
   * Present when the environment targets many accounts through one CloudFormation StackSet; `account` is
   * then the workflow account and `region` the home region.
   */
  readonly stackSet?: ResolvedStackSet;
  /**
   * SAM artifact bucket shared by the `sam-lambda-testing` roles of this environment (one prefix per
   * repository), or undefined when no role here uses that profile.
   */
  readonly artifactBucket?: string;
}

/** A `{ count }` or `{ percentage }` of accounts, for a StackSet's operation preferences. */
export type StackSetShare = { readonly count: number } | { readonly percentage: number };

/** Where and how a StackSet environment is deployed (`environments.<env>.stackSet`), resolved. */
export interface ResolvedStackSet {
  /** The StackSet's name, e.g. `Lockstep-testing`. */
  readonly stackSetName: string;
  /** Organizational unit ids, sorted. */
  readonly organizationalUnits: readonly string[];
  /** Only these accounts of the organizational units, sorted; empty: every account of them. */
  readonly accounts: readonly string[];
  /** The regions in the config's order; the first is the home region (IAM resources, workflows). */
  readonly regions: readonly string[];
  readonly homeRegion: string;
  readonly administration: { readonly account: string; readonly region: string; readonly callAs: 'SELF' | 'DELEGATED_ADMIN' };
  readonly failureTolerance: StackSetShare;
  readonly maxConcurrency: StackSetShare;
  readonly autoDeployment: { readonly enabled: boolean; readonly retainStacksOnAccountRemoval: boolean };
}

/** The SAM testing resources that belong to one role with the `sam-lambda-testing` profile. */
export interface ResolvedSamTesting {
  /** The CloudFormation execution role the GitHub role may pass (and nothing else). */
  readonly executionRoleName: string;
  readonly executionRoleArn: string;
  /** Name of the permissions boundary managed policy every function role must carry. */
  readonly functionBoundaryName: string;
  readonly functionBoundaryArn: string;
  /** The environment's artifact bucket. */
  readonly artifactBucket: string;
  /**
   * Repositories of other roles in the environment whose test functions are named like those of one of this
   * role's repositories, and longer (`python-sdk-extras` for `python-sdk`: CloudFormation's generated names
   * lose the stack prefix's `--`, see `generatedNamePrefix`), sorted. Lambda names a function's log group
   * after the function and tags it with nothing, and a DynamoDB stream is named after its table, so names are
   * all that scopes them: the role's log and stream permissions deny theirs. Absent when there are none.
   */
  readonly namesakes?: readonly string[];
}

/** One IAM role, resolved. */
export interface ResolvedRole {
  readonly name: string;
  /** Environment name. */
  readonly environment: string;
  /** IAM path, `/` by default; always starts and ends with `/`. */
  readonly path: string;
  /** `arn:<partition>:iam::<account>:role<path><name>` */
  readonly arn: string;
  readonly managedBy: RoleManager;
  /** What the role may do; undefined for roles managed elsewhere (their permissions are not ours). */
  readonly permissions?: PermissionProfile;
  /** Seconds, 3,600–43,200. */
  readonly maxSessionDuration: number;
  /** ARN of a permissions boundary for the role itself. */
  readonly permissionsBoundary?: string;
  /** Trust policy size limit, non-whitespace characters (IAM default 2,048). */
  readonly trustPolicyQuota: number;
  /** Config keys of the repositories mapped to this role, sorted. */
  readonly repos: readonly string[];
  /** Every subject the trust policy admits, sorted by value. */
  readonly subjects: readonly SubjectGrant[];
  /** The trust policy (assume-role policy document), deterministic. */
  readonly trustPolicy: PolicyDocument;
  /** Its size as IAM counts it (no whitespace). */
  readonly trustPolicySize: number;
  /** The role's IAM description, when the config gives one. */
  readonly description?: string;
  /** Statements the config adds to the `sam-lambda-testing` execution role, validated; empty without any. */
  readonly extraStatements: readonly ExtraStatement[];
  /** Stable CloudFormation logical id derived from the role name only. */
  readonly logicalId: string;
  /** Present when `permissions` is `sam-lambda-testing`. */
  readonly samTesting?: ResolvedSamTesting;
  /**
   * The configured role name when this is one of its numbered roles (`<splitFrom>-1`, `-2`, …), made
   * because its trust policy would pass the quota and the config sets `splitWhenOverQuota`; otherwise absent.
   * A numbered role is a role like any other: its own name, ARN, trust policy and logical id.
   */
  readonly splitFrom?: string;
  /** Whether its trust also requires the generated workflow file (`job_workflow_ref`); `roles.<name>.bindWorkflow`. */
  readonly bindWorkflow: boolean;
}

/** The central reusable lambda-tests workflow, resolved from `github.centralWorkflow`. */
export interface ResolvedCentralWorkflow {
  /** The platform repository's name, e.g. `platform`. */
  readonly repo: string;
  /** `OWNER/REPO` of the platform repository. */
  readonly fullName: string;
  /** The 40-hex commit the callers pin. */
  readonly ref: string;
  /** What a caller's job writes after `uses:`: `OWNER/REPO/.github/workflows/lockstep-lambda-tests.yml@<ref>`. */
  readonly uses: string;
  /** The `job_workflow_ref` of its job when called that way (the same string: a SHA stays a SHA). */
  readonly jobWorkflowRef: string;
}

/** A generated lambda-tests workflow, resolved. */
export interface ResolvedLambdaTests {
  readonly triggers: ResolvedTriggers;
  /**
   * GitHub deployment environment the job references (`githubEnvironment`, or the legacy `environment`);
   * it decides the job's `sub` for every event. Not the role's AWS environment (`ResolvedRepo.environment`).
   */
  readonly environment?: string;
  /** The Lambda runtime the job sets up for `sam build`. */
  readonly runtime: LambdaRuntime;
  /** Command of the install step before `sam build`, when one is configured. */
  readonly installCommand?: string;
  /** Relative to the repository root, normalized, no `..`, e.g. `tests/lambda`. */
  readonly workingDirectory: string;
  /** Shell command that runs the tests against the deployed stack. */
  readonly testCommand: string;
  /** Python version for actions/setup-python, e.g. `3.12` (the runtime's, for a Python runtime). */
  readonly pythonVersion: string;
  /** Job timeout. */
  readonly timeoutMinutes: number;
  /** `role-duration-seconds` (≤ the role's max session duration). */
  readonly sessionDurationSeconds: number;
  /** CloudFormation stack name prefix of this repository's test stacks, e.g. `lockstep-python-sdk-`. */
  readonly stackPrefix: string;
  /** The tags `sam deploy --tags` puts on every test stack (and CloudFormation on its resources), e.g. `{ "lockstep:repository": "python-sdk" }`. */
  readonly stackTags: Readonly<Record<string, string>>;
  /** Key prefix of this repository in the artifact bucket, e.g. `python-sdk/`. */
  readonly artifactPrefix: string;
  /** The artifact bucket, when the role has the `sam-lambda-testing` profile; otherwise SAM resolves one (`--resolve-s3`). */
  readonly artifactBucket?: string;
  /** Every `sub` this job can present, sorted (environment > pull_request > ref precedence applied). */
  readonly subjects: readonly string[];
  /** Present when the repository runs the central reusable workflow (`lambdaTests.central`). */
  readonly central?: ResolvedCentralWorkflow;
}

/** One onboarded repository, resolved. */
export interface ResolvedRepo {
  /** Config key = repository name, e.g. `python-sdk`. */
  readonly name: string;
  /** `owner/name`, e.g. `honeyhiveai/python-sdk`. */
  readonly fullName: string;
  /** Numeric repository id (string of digits), when recorded. */
  readonly id?: string;
  readonly subjectFormat: SubjectFormat;
  readonly defaultBranch: string;
  /** Name of the role its workflows assume: the configured one, or its numbered role when that was split (see `ResolvedRole.splitFrom`). */
  readonly role: string;
  /** ARN of that role: the `role-to-assume` of its workflows. */
  readonly roleArn: string;
  /** AWS environment name of the role. */
  readonly environment: string;
  /** Every subject the role trusts for this repository. */
  readonly subjects: readonly SubjectGrant[];
  /** Present when Lockstep generates this repository's lambda-tests workflow. */
  readonly lambdaTests?: ResolvedLambdaTests;
}

/** The validated config with everything derived from it. All lists sorted by name. */
export interface ResolvedConfig {
  readonly github: { readonly owner: string; readonly ownerId?: string; readonly centralWorkflow?: ResolvedCentralWorkflow };
  readonly environments: readonly ResolvedEnvironment[];
  readonly roles: readonly ResolvedRole[];
  readonly repos: readonly ResolvedRepo[];
  /**
   * Configured roles that no repository is mapped to, sorted. They are not deployed or exported (IAM
   * refuses a GitHub trust policy that admits no subject); keeping one configured makes moving a
   * repository back to it a one-line change.
   */
  readonly unusedRoles: readonly string[];
  /** The sweeper workflow, when the config has `sweeper`. */
  readonly sweeper?: ResolvedSweeper;
}

/** The sweeper workflow, resolved: where it runs, when, and what it deletes in each environment. */
export interface ResolvedSweeper {
  /** Config name of the repository it runs in, e.g. `deployments`. */
  readonly repo: string;
  /** `owner/name`. */
  readonly fullName: string;
  /** Cron expression of its schedule. */
  readonly schedule: string;
  /** Test stacks older than this are deleted. */
  readonly maxAgeHours: number;
  /** The GitHub environment of its jobs. */
  readonly githubEnvironment: string;
  /** The default branch of its repository (manual runs only from there). */
  readonly defaultBranch: string;
  /** One entry per AWS environment with `sam-lambda-testing` repositories, sorted by environment. */
  readonly targets: readonly ResolvedSweeperTarget[];
}

/** What the sweeper deletes in one AWS environment, and with which role. */
export interface ResolvedSweeperTarget {
  /** AWS environment name. */
  readonly environment: string;
  readonly account: string;
  readonly region: string;
  readonly audience: string;
  /** Name of the sweeper's role there (a `test-stack-sweeper` role in `ResolvedConfig.roles`). */
  readonly roleName: string;
  readonly roleArn: string;
  /** The repositories whose test stacks it deletes, sorted: those with a `sam-lambda-testing` role here. */
  readonly repos: readonly { readonly name: string; readonly stackPrefix: string }[];
}
