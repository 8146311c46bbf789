import * as path from 'node:path';
import {
  AUD_KEY,
  evaluateTrust,
  GITHUB_OIDC_HOST,
  oidcProviderArn,
  parseRoleArn,
  roleArn as roleArnOf,
  runSubject,
  stsAudience,
  SUB_KEY,
  workflowJobSubjects,
  type Partition,
  type PolicyDocument,
  type ResolvedConfig,
  type TrustDecision,
} from '@lockstep/model';
import type { ParsedArgs } from '../args';
import { InputError, UsageError } from '../cli-error';
import { EXIT, type Command, type Io } from '../command';
import { describeDecision, type Explanation } from '../explanation';
import { loadConfig } from '../load-config';
import { readPolicyFileWithRole } from '../read-input';
import { parseFullName, withFacts } from '../repo-identity';
import { providerAccount, providerFor, RoleCatalog } from '../role-catalog';
import type { KnownRole } from '../known-role';
import { resolveEnv, roleJobs } from '../role-jobs';
import { runClaims } from '../run-claims';
import { subjectMatches } from '../trust-grants';
import { followCalls, onlyCalled } from '../called-workflows';
import { readWorkflowFile, type WorkflowFile, type WorkflowJob } from '../workflow-file';
import { isRoleStep } from '../workflow-hygiene';
import { displayPath, findWorkspace, listFiles } from '../workspace';

/** `lockstep explain`: would this GitHub run be allowed to assume its role, and if not, why. */
export const explain: Command = {
  name: 'explain',
  summary: 'say whether a GitHub run may assume its AWS role, and why not',
  usage:
    'lockstep explain (--repo OWNER/REPO --event EVENT [--ref REF] [--environment NAME] [--account ID] | --trust-policy FILE --sub SUB [--aud AUD] [--claim KEY=VALUE]...) [--json]',
  help: `"Not authorized to perform sts:AssumeRoleWithWebIdentity" is AWS's one answer to every mistake.
explain says which one.

With --repo: finds the repository's generated workflow and the job that assumes a role, works out the
\`sub\` GitHub will put in that job's token for the run (environment > pull_request > ref), and evaluates
it against the role's trust policy from the synthesized template or exported policy.
  --repo OWNER/REPO     an onboarded repository, e.g. honeyhiveai/python-sdk
  --event EVENT         the event that starts the run: pull_request, push, workflow_dispatch, schedule, …
  --ref REF             the branch or tag of the run: main, refs/heads/main, refs/tags/v1 (default: the
                        default branch; ignored for pull_request)
  --environment NAME    suppose the job references this GitHub environment (default: the job's own)
  --trust-policy FILE   use this (live) trust policy instead of the generated one
  --account ID          for a role of a StackSet environment: the answer in this account of it (default:
                        the environment's workflow account)

With --trust-policy alone: evaluates any claims against any trust policy.
  --trust-policy FILE   a policy document, \`aws iam get-role\` output, or a URL-encoded document
  --sub SUB             the token's sub, e.g. repo:honeyhiveai/python-sdk:pull_request
  --aud AUD             the token's aud (default sts.amazonaws.com)
  --claim KEY=VALUE     another claim, e.g. repository=honeyhiveai/python-sdk (repeatable; a KEY without
                        ":" is a claim of ${GITHUB_OIDC_HOST})

  --json                print {"decision","sub","roleArn","reason",…}
  --root DIR            the Lockstep repository (default: found from the current directory)

Exit codes: 0 allowed, 1 denied, 2 a usage, file or config error.`,
  options: {
    'repo': 'value',
    'event': 'value',
    'ref': 'value',
    'environment': 'value',
    'account': 'value',
    'trust-policy': 'value',
    'sub': 'value',
    'aud': 'value',
    'claim': 'list',
    'json': 'flag',
    'root': 'value',
  },
  run: runExplain,
};

function runExplain(args: ParsedArgs, io: Io): number {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const has = (name: string) => args.values.has(name) || args.lists.has(name);
  const explanation = has('repo') ? explainRepo(args, io) : explainPolicy(args, io);
  if (args.flags.has('json')) io.out(`${JSON.stringify(explanation.json, null, 2)}\n`);
  else io.out(explanation.text);
  return explanation.json.decision === 'allow' ? EXIT.ok : EXIT.finding;

  function explainPolicy(a: ParsedArgs, out: Io): Explanation {
    for (const only of ['event', 'ref', 'environment', 'account']) {
      if (has(only)) throw new UsageError(`--${only} goes with --repo; with --trust-policy give the claims: --sub SUB [--aud AUD] [--claim KEY=VALUE]`);
    }
    const file = a.values.get('trust-policy');
    const sub = a.values.get('sub');
    if (file === undefined) throw new UsageError('give either --repo OWNER/REPO --event EVENT, or --trust-policy FILE --sub SUB');
    if (sub === undefined) throw new UsageError('--trust-policy needs --sub SUB: the sub claim to evaluate');
    const aud = a.values.get('aud') ?? 'sts.amazonaws.com';
    const claims: Record<string, string | string[]> = { [SUB_KEY]: sub, [AUD_KEY]: aud };
    for (const claim of a.lists.get('claim') ?? []) {
      const eq = claim.indexOf('=');
      if (eq <= 0) throw new UsageError(`--claim "${claim}": expected KEY=VALUE, e.g. repository=honeyhiveai/python-sdk`);
      const key = claim.slice(0, eq).includes(':') ? claim.slice(0, eq) : `${GITHUB_OIDC_HOST}:${claim.slice(0, eq)}`;
      const value = claim.slice(eq + 1);
      if (key === SUB_KEY || key === AUD_KEY) {
        // A token has one sub and one aud: a --claim that set either would silently replace --sub or --aud.
        const option = key === SUB_KEY ? 'sub' : 'aud';
        const given = option === 'sub' || a.values.has('aud') ? `conflicts with --${option}` : 'sets the aud, which --aud gives (default sts.amazonaws.com)';
        throw new UsageError(`--claim "${claim}" ${given}: a token has one ${option}; give it once, with --${option} ${option.toUpperCase()}`);
      }
      const prior = claims[key];
      claims[key] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
    }
    const shown = displayPath(path.resolve(out.cwd, file), out.cwd);
    const { policy, roleArn } = readPolicyFileWithRole(path.resolve(out.cwd, file), shown);
    const principal = principalOf(roleArn, policy);
    const decision = evaluateTrust(policy, { claims, principal });
    return describeDecision({ decision, subs: [{ value: claims[SUB_KEY] as string, decision }], aud: claims[AUD_KEY] as string, roleArn, policySource: shown, claims });
  }

  function explainRepo(a: ParsedArgs, out: Io): Explanation {
    for (const only of ['sub', 'aud', 'claim']) {
      if (has(only)) throw new UsageError(`--${only} goes with --trust-policy FILE; with --repo the sub is worked out from --event, --ref and --environment`);
    }
    const event = a.values.get('event');
    if (event === undefined) throw new UsageError('--repo needs --event EVENT, e.g. --event pull_request');
    if (!/^[a-z_]+$/.test(event)) throw new UsageError(`--event "${event}": expected a GitHub event name such as pull_request, push or workflow_dispatch`);
    const { owner, name } = parseFullName(a.values.get('repo') as string);
    const workspace = findWorkspace(out.cwd, a.values.get('root'));
    const config = loadConfig(workspace, out.cwd);
    const facts = withFacts(owner, name, config, undefined);
    // apps/repos/<name> holds the workflows of the config's owner only.
    const ownersRepo = config === undefined || config.github.owner.toLowerCase() === owner.toLowerCase();
    // A caller of the central workflow is followed into it: its role step lives there (`sub` is still the caller's).
    const workflows = (ownersRepo ? repoWorkflows(workspace.reposDir, facts.name, out.cwd) : [])
      .filter((w) => !onlyCalled(w.workflow))
      .map((w) => ({ ...w, workflow: followCalls(w.workflow, workspace.reposDir, config?.github.owner ?? owner, (f) => readWorkflowFile(f, displayPath(f, out.cwd))) }));
    if (facts.configured === undefined && workflows.length === 0) {
      const known = config?.repos.map((r) => r.fullName).join(', ');
      const why = !ownersRepo
        ? `lockstep.config.ts onboards repositories of ${config?.github.owner} only`
        : `${config ? `lockstep.config.ts has no repos.${name}` : 'there is no lockstep.config.ts'} and there is no ${displayPath(path.join(workspace.reposDir, name), out.cwd)}`;
      throw new InputError(`${owner}/${name} is not onboarded: ${why}${known ? ` (onboarded: ${known})` : ''}`);
    }
    const inAccount = accountOf(a.values.get('account'), config, facts.configured?.role);
    // The templates read as the instance in that account reads them: ${AWS::AccountId} is its id.
    const catalogConfig = config && inAccount && { ...config, environments: config.environments.map((e) => (e.name === inAccount.environment ? { ...e, account: inAccount.account } : e)) };
    const catalog = RoleCatalog.load(workspace, catalogConfig ?? config, [], out.cwd);
    const inAccountArn = (arn: string): string => (inAccount ? inAccount.arn(arn) : arn);
    const repository = { owner: facts.owner, repo: facts.name, ownerId: facts.ownerId, repoId: facts.repoId };
    const options = { repository, format: facts.format, defaultBranch: facts.defaultBranch };

    // The job: the first job assuming a role whose workflow runs on this event (else the first at all).
    const candidates = workflows.flatMap((w) => roleJobs(w.workflow).map((job) => ({ ...w, job })));
    const runsOn = (c: { workflow: WorkflowFile; job: WorkflowJob }) => triggers(c.workflow, c.job, event, a.values.get('ref'), options);
    const chosen = candidates.find(runsOn) ?? candidates[0];

    const jobEnvironment = chosen ? environmentName(chosen.job.environment) : undefined;
    const environment = a.values.get('environment') ?? jobEnvironment;
    const subject = runSubject({ event, ref: a.values.get('ref'), environment }, options);

    let role: KnownRole | undefined;
    let roleArn: string | undefined;
    let roleProblem: string | undefined;
    if (chosen) {
      const step = chosen.job.steps.find(isRoleStep);
      roleArn = inAccountArn(resolveEnv(String(step?.with['role-to-assume']), [step?.env ?? {}, chosen.job.env, chosen.workflow.env]));
      const found = catalog.find(roleArn);
      if ('role' in found) role = found.role;
      else roleProblem = `${found.problem}. Fix: ${found.fix}`;
    } else if (facts.configured) {
      role = catalog.byName(facts.configured.role);
      roleArn = inAccountArn(facts.configured.roleArn);
      if (role === undefined) roleProblem = `the role ${facts.configured.role} of repos.${facts.name} is in no template or exported trust policy. Fix: run \`npx projen\``;
    }
    let policy = role?.trustPolicy;
    let policySource = role?.source;
    const live = a.values.get('trust-policy');
    if (live !== undefined) {
      policySource = displayPath(path.resolve(out.cwd, live), out.cwd);
      policy = readPolicyFileWithRole(path.resolve(out.cwd, live), policySource).policy;
      roleProblem = undefined;
    } else if (role !== undefined && policy === undefined) {
      roleProblem = `the trust policy of ${role.name} in ${role.source} cannot be evaluated: ${role.unresolved}`;
    }

    const partition = (role?.partition ?? parseRoleArn(roleArn ?? '')?.partition ?? 'aws') as Partition;
    const aud = audienceOf(chosen?.job) ?? stsAudience(partition);
    const principal = role ? providerFor(role) : roleArn ? principalOf(roleArn, policy) : undefined;
    // The run's other STS-evaluated claims, so a policy bound to the workflow file (job_workflow_ref) is modelled.
    const givenRef = a.values.get('ref');
    const runRef = event === 'pull_request' ? 'refs/pull/N/merge'
      : subject.ref ?? (givenRef !== undefined && givenRef.startsWith('refs/') ? givenRef : `refs/heads/${givenRef ?? facts.defaultBranch}`);
    const run = chosen ? runClaims({ repo: facts.fullName, repoId: facts.repoId, workflowFile: chosen.workflow.file, ref: runRef, jobWorkflowRef: chosen.job.jobWorkflowRef }) : {};
    const subs = subject.values.map((value) => ({
      value,
      decision: policy ? evaluateTrust(policy, { claims: { ...run, [SUB_KEY]: value, [AUD_KEY]: aud }, principal }) : undefined,
    }));
    const decision: TrustDecision =
      subs.find((s) => s.decision?.decision === 'deny')?.decision ??
      subs[0].decision ?? { decision: 'deny', reason: `denied: ${roleProblem ?? 'no role to evaluate'}`, conditions: [] };
    return describeDecision({
      decision,
      subs: subs.map((s) => ({ value: s.value, decision: s.decision ?? decision })),
      aud,
      roleArn,
      policySource,
      roleProblem,
      claims: run,
      advice:
        decision.decision === 'deny' && facts.configured && role && role.origin !== 'live' && live === undefined
          ? `In Lockstep, the workflow and this trust policy are both generated from lockstep.config.ts (repos.${facts.name}): make the change there and run \`npx projen\`, rather than editing either file.`
          : undefined,
      run: {
        repo: facts.fullName,
        event,
        ref: subject.ref,
        environment,
        environmentSupposed: a.values.has('environment') && a.values.get('environment') !== jobEnvironment,
        rule: subject.rule,
        why: subject.why,
        workflow: chosen?.shown,
        job: chosen?.job.id,
        triggered: chosen ? runsOn(chosen) : undefined,
        workflowEvents: chosen ? workflowJobSubjects({ on: chosen.workflow.on }, options).events : undefined,
        otherJobs: candidates.filter((c) => c !== chosen).map((c) => `${c.shown} job "${c.job.id}"`),
        assumptions: inAccount ? [...facts.assumptions, inAccount.scope] : facts.assumptions,
      },
    });
  }
}

/** The repository's workflows under apps/repos/<repo>/.github/workflows, parsed. */
function repoWorkflows(reposDir: string, repo: string, cwd: string): { file: string; shown: string; workflow: WorkflowFile }[] {
  const dir = path.join(reposDir, repo, '.github', 'workflows');
  return listFiles(dir, '.yml', '.yaml').map((f) => {
    const file = path.join(dir, f);
    const shown = displayPath(file, cwd);
    return { file, shown, workflow: readWorkflowFile(file, shown) };
  });
}

/**
 * Whether the workflow starts this job for the run: the event is one of its triggers, and (when the event
 * has a branch or tag) the run's ref is one its filters and the job's `if:` let through.
 */
function triggers(workflow: WorkflowFile, job: WorkflowJob, event: string, ref: string | undefined, options: Parameters<typeof runSubject>[1]): boolean {
  // Without the environment, the derived subjects say which refs each event runs the job on.
  const derived = workflowJobSubjects({ on: workflow.on, if: job.if }, options);
  const run = runSubject({ event, ref }, options).values;
  return derived.subjects.some((s) => s.events.includes(event) && run.some((v) => subjectMatches(s.value, v)));
}

function environmentName(env: unknown): string | undefined {
  const name = typeof env === 'object' && env !== null ? (env as { name?: unknown }).name : env;
  return typeof name === 'string' && !name.includes('${{') ? name : undefined;
}

function audienceOf(job: WorkflowJob | undefined): string | undefined {
  const aud = job?.steps.find(isRoleStep)?.with.audience;
  return typeof aud === 'string' && aud !== '' ? aud : undefined;
}

/** The GitHub provider a token reaches the role through: the role's account's, else the policy's own. */
function principalOf(roleArn: string | undefined, policy: PolicyDocument | undefined): string | undefined {
  const parts = roleArn !== undefined ? parseRoleArn(roleArn) : undefined;
  if (parts !== undefined && /^\d{12}$/.test(parts.account)) return oidcProviderArn(parts.partition as Partition, parts.account);
  const provider = policy !== undefined ? providerAccount(policy) : undefined;
  return provider ? oidcProviderArn(provider.partition as Partition, provider.account) : undefined;
}

/**
 * `--account ID` for a role of a StackSet environment: the account whose instance is asked about, the
 * role ARN there, and what the answer holds for. Without `--account`, the identity (the workflow account).
 * @throws UsageError for a malformed id, a role outside a StackSet environment, or an account outside its explicit accounts.
 */
function accountOf(account: string | undefined, config: ResolvedConfig | undefined, roleName: string | undefined): { account: string; environment: string; scope: string; arn: (arn: string) => string } | undefined {
  if (account === undefined) return undefined;
  if (!/^\d{12}$/.test(account)) throw new UsageError(`--account "${account}": expected a 12-digit AWS account id`);
  const role = config?.roles.find((r) => r.name === roleName);
  const env = role && config?.environments.find((e) => e.name === role.environment);
  if (role === undefined || env === undefined) throw new UsageError('--account needs a repository whose role is in lockstep.config.ts');
  const stackSet = env.stackSet;
  if (stackSet === undefined) {
    throw new UsageError(`--account ${account}: the role ${role.name} is in environment "${env.name}", one account (${env.account}), not a StackSet; leave out --account`);
  }
  if (stackSet.accounts.length > 0 && !stackSet.accounts.includes(account)) {
    throw new UsageError(`--account ${account} is not an account of environment "${env.name}": its StackSet deploys only to ${stackSet.accounts.join(', ')} (environments.${env.name}.stackSet.accounts); give one of them`);
  }
  const scope = stackSet.accounts.length > 0
    ? `the role in account ${account}, one of the StackSet's accounts (${stackSet.accounts.join(', ')}) of ${stackSet.organizationalUnits.join(', ')}`
    : `the role in account ${account}; the StackSet gives every account of ${stackSet.organizationalUnits.join(', ')} the same role and trust, so the answer holds for any account in ${stackSet.organizationalUnits.length === 1 ? 'that organizational unit' : 'those organizational units'} (and only if ${account} is in one)`;
  return {
    account,
    environment: env.name,
    scope,
    arn: (arn) => {
      const parts = parseRoleArn(arn);
      return parts && parts.account === env.account ? roleArnOf(parts.partition as Partition, account, parts.path, parts.name) : arn;
    },
  };
}
