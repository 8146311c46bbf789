import { AUD_KEY, evaluateTrust, stsAudience, SUB_KEY, workflowJobSubjects, type Partition, type TrustDecision } from '@lockstep/model';
import type { CheckFinding } from './check-finding';
import type { RepoIdentity } from './repo-identity';
import { providerFor, type RoleCatalog } from './role-catalog';
import { refOfSubject, runClaims } from './run-claims';
import type { KnownRole } from './known-role';
import type { WorkflowFile, WorkflowJob, WorkflowStep } from './workflow-file';
import { isRoleStep } from './workflow-hygiene';

/** One subject a job presents to a role, and the trust policy's answer. */
export interface EvaluatedSubject {
  readonly value: string;
  /** Why the job presents it, e.g. `push to main`. */
  readonly reason: string;
  readonly decision: TrustDecision['decision'];
  /** The model's explanation of the decision. */
  readonly explanation: string;
}

/** A job step that assumes a role, with the role found and every subject evaluated. */
export interface RoleUse {
  readonly file: string;
  readonly job: string;
  readonly line?: number;
  /** `role-to-assume` as written (expressions of `env` resolved). */
  readonly roleArn: string;
  /** The role, when a known role has that ARN. */
  readonly role?: KnownRole;
  readonly repo: string;
  readonly subjects: readonly EvaluatedSubject[];
}

/** What {@link checkRoleJobs} found in one workflow. */
export interface RoleJobsResult {
  readonly findings: CheckFinding[];
  readonly uses: RoleUse[];
}

/**
 * For every job of a workflow that assumes a role: derives the subjects it can present from the workflow's
 * own triggers and the job's environment (the model's {@link workflowJobSubjects}), finds the role by its
 * ARN, and evaluates each subject against the role's trust policy (the model's {@link evaluateTrust}).
 *
 * @param generated whether the file is one Lockstep generates (then the fix is in the config, not the file)
 */
export function checkRoleJobs(workflow: WorkflowFile, shown: string, repo: RepoIdentity, catalog: RoleCatalog, generated: boolean): RoleJobsResult {
  const findings: CheckFinding[] = [];
  const uses: RoleUse[] = [];
  const regenerate = generated ? '; this file is generated: change lockstep.config.ts and run `npx projen` instead of editing it' : '';
  for (const job of workflow.jobs) {
    const steps = job.steps.filter(isRoleStep);
    if (steps.length === 0) continue;
    const base = { file: shown, job: job.id };
    const derived = workflowJobSubjects(
      { on: workflow.on, environment: job.environment, if: job.if },
      { repository: { owner: repo.owner, repo: repo.name, ownerId: repo.ownerId, repoId: repo.repoId }, format: repo.format, defaultBranch: repo.defaultBranch },
    );
    for (const f of derived.findings) {
      findings.push({ ...base, line: job.line, severity: f.severity, code: f.code, message: f.message });
    }
    for (const step of steps) {
      const line = step.line ?? job.line;
      const arn = resolveEnv(String(step.with['role-to-assume']), [step.env, job.env, workflow.env]);
      if (arn.includes('${{')) {
        findings.push({
          ...base,
          line,
          severity: 'error',
          code: 'role-arn-expression',
          message: `role-to-assume is "${arn}", an expression known only at run time, so no one can check which role the job assumes`,
          fix: 'write the role ARN literally (the generated workflows do)',
        });
        continue;
      }
      const found = catalog.find(arn);
      if ('problem' in found) {
        const code = found.kind === 'not-synthesized' ? 'role-not-synthesized' : 'unknown-role';
        findings.push({ ...base, line, severity: 'error', code, message: found.problem, fix: found.kind === 'not-synthesized' ? found.fix : found.fix + regenerate });
        uses.push({ file: shown, job: job.id, line, roleArn: arn, repo: repo.fullName, subjects: [] });
        continue;
      }
      const role = found.role;
      if (role.trustPolicy === undefined) {
        findings.push({
          ...base,
          line,
          severity: 'error',
          code: 'unresolved-trust-policy',
          message: `the trust policy of ${role.name} in ${role.source} cannot be evaluated: ${role.unresolved ?? 'it is missing'}`,
          fix: `pass the deployed policy: aws iam get-role --role-name ${role.name} > live.json, then --trust-policy ${role.name}=live.json`,
        });
        uses.push({ file: shown, job: job.id, line, roleArn: arn, role, repo: repo.fullName, subjects: [] });
        continue;
      }
      const audience = audienceOf(step, role);
      const subjects = derived.subjects.map((s): EvaluatedSubject => {
        const run = runClaims({ repo: repo.fullName, repoId: repo.repoId, workflowFile: workflow.file, ref: runRefOf(s, repo.defaultBranch), jobWorkflowRef: job.jobWorkflowRef });
        const decision = evaluateTrust(role.trustPolicy!, { claims: { ...run, [SUB_KEY]: s.value, [AUD_KEY]: audience }, principal: providerFor(role) });
        if (decision.decision === 'deny') {
          const miss = decision.nearestMiss;
          findings.push({
            ...base,
            line,
            severity: 'error',
            code: 'denied-subject',
            subject: s.value,
            message: `the job's token says sub "${s.value}" (${s.reason}), and the trust policy of ${role.name} (${role.source}) refuses it: ${miss?.message ?? decision.reason}`,
            fix: deniedFix(s, role, repo, miss?.fix, regenerate),
          });
        }
        return { value: s.value, reason: s.reason, decision: decision.decision, explanation: decision.reason };
      });
      uses.push({ file: shown, job: job.id, line, roleArn: arn, role, repo: repo.fullName, subjects });
    }
  }
  return { findings, uses };
}

/**
 * The `GITHUB_REF` of a run presenting `subject`: the ref it names, a pull request's merge ref, else (an
 * environment) the default branch — or a pull request's merge ref when only pull requests run the job, as a
 * binding to the workflow file (`job_workflow_ref`) then sees.
 */
function runRefOf(subject: { readonly value: string; readonly events: readonly string[] }, defaultBranch: string): string {
  const ref = refOfSubject(subject.value, defaultBranch);
  const onlyPullRequests = subject.events.length > 0 && subject.events.every((e) => e === 'pull_request');
  return onlyPullRequests && !/:ref:refs\//.test(subject.value) ? refOfSubject('repo:o/r:pull_request', defaultBranch) : ref;
}

/**
 * The fix for a denied subject, pointing the right way: a job of a repository the config maps to another role
 * assumes that role (never widen a role for a repository it isn't for); a repository that isn't onboarded is
 * onboarded; a job that runs from many refs is narrowed before a pattern is granted.
 */
function deniedFix(s: { value: string; reason: string }, role: KnownRole, repo: RepoIdentity, missFix: string | undefined, regenerate: string): string {
  const own = repo.configured;
  // A role that lists the repository besides the one it is mapped to (the sweeper's role) is for it too.
  const alsoFor = (role.configured?.repos ?? []).some((r) => r.toLowerCase() === repo.name.toLowerCase());
  if (own !== undefined && own.role !== role.name && !alsoFor) {
    return `set role-to-assume to ${own.roleArn}, the role lockstep.config.ts maps ${repo.fullName} to; ${role.name} is for ${role.configured?.repos.join(', ') ?? 'other repositories'}${regenerate}`;
  }
  if (own === undefined && role.configured !== undefined && !role.configured.repos.some((r) => `${repo.owner}/${r}`.toLowerCase() === repo.fullName.toLowerCase())) {
    return `${role.name} is for ${role.configured.repos.join(', ')}: use the role meant for ${repo.fullName}, or onboard ${repo.fullName} in lockstep.config.ts (repos.${repo.name}, role: '${role.name}') and run \`npx projen\``;
  }
  if (own !== undefined && /[*?]/.test(s.value)) {
    return `the job can run from any ref matching "${s.value}" (${s.reason}): restrict its trigger to the refs lockstep.config.ts grants, or grant the pattern in lockstep.config.ts (Lockstep writes patterns under StringLike, in their own statement)${regenerate}`;
  }
  return (missFix ?? `make the trust policy of ${role.name} admit "${s.value}", or stop the job from running on ${s.reason}`) + regenerate;
}

/** The `aud` the step requests: its `audience` input, else the partition's STS audience (the action's default). */
function audienceOf(step: WorkflowStep, role: KnownRole): string {
  const given = step.with.audience;
  if (typeof given === 'string' && given !== '') return given;
  return stsAudience((role.partition ?? 'aws') as Partition);
}

/** Replaces `${{ env.NAME }}` with the innermost `env:` value (step, then job, then workflow). */
export function resolveEnv(value: string, envs: ReadonlyArray<Readonly<Record<string, unknown>>>): string {
  return value.replace(/\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) => {
    for (const env of envs) {
      const v = env[name];
      if (typeof v === 'string' || typeof v === 'number') return String(v);
    }
    return whole;
  });
}

/** The jobs of a workflow that assume a role. */
export function roleJobs(workflow: WorkflowFile): WorkflowJob[] {
  return workflow.jobs.filter((j) => j.steps.some(isRoleStep));
}
