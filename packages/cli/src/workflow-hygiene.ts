import type { CheckFinding } from './check-finding';
import type { WorkflowFile, WorkflowJob, WorkflowStep } from './workflow-file';

const CONFIGURE_AWS_CREDENTIALS = /^aws-actions\/configure-aws-credentials@/i;
const FULL_SHA = /^[0-9a-f]{40}$/;

/** A step that assumes a role through GitHub OIDC: configure-aws-credentials with `role-to-assume`. */
export function isRoleStep(step: WorkflowStep): boolean {
  return step.uses !== undefined && CONFIGURE_AWS_CREDENTIALS.test(step.uses) && step.with['role-to-assume'] !== undefined;
}

/** Whether a `permissions:` value grants `id-token: write`. */
export function grantsIdToken(permissions: unknown): boolean {
  if (permissions === 'write-all') return true;
  return typeof permissions === 'object' && permissions !== null && (permissions as Record<string, unknown>)['id-token'] === 'write';
}

/**
 * The token permissions and action pins of a workflow, whoever runs it: `id-token: write` only on the jobs
 * that assume a role (never at workflow level, where every job inherits it), present on those jobs, and
 * every `uses:` pinned to a full commit SHA.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#adding-permissions-settings
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
 */
export function workflowHygiene(workflow: WorkflowFile, shown: string): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const roleJobs = workflow.jobs.filter((j) => j.steps.some(isRoleStep)).map((j) => j.id);
  if (grantsIdToken(workflow.permissions)) {
    findings.push({
      severity: 'error',
      code: 'workflow-level-id-token',
      file: shown,
      line: workflow.permissionsLine,
      message: `the workflow-level permissions grant id-token: write to every job${roleJobs.length > 0 ? `, though only ${roleJobs.map((j) => `"${j}"`).join(', ')} assume${roleJobs.length === 1 ? 's' : ''} a role` : ''}`,
      fix: `set \`permissions: {}\` at the top and \`permissions: { id-token: write, contents: read }\` on ${roleJobs.length > 0 ? roleJobs.map((j) => `job "${j}"`).join(', ') : 'the job that assumes a role'} only`,
    });
  }
  for (const job of workflow.jobs) {
    findings.push(...jobPermissions(job, workflow, shown));
    for (const step of job.steps) {
      const problem = step.uses !== undefined ? pinProblem(step.uses) : undefined;
      if (problem !== undefined) findings.push({ severity: 'error', code: 'unpinned-action', file: shown, line: step.line, job: job.id, message: problem.message, fix: problem.fix });
    }
    const problem = job.uses !== undefined ? pinProblem(job.uses) : undefined;
    if (problem !== undefined) findings.push({ severity: 'error', code: 'unpinned-action', file: shown, line: job.usesLine ?? job.line, job: job.id, message: problem.message, fix: problem.fix });
  }
  return findings;
}

function jobPermissions(job: WorkflowJob, workflow: WorkflowFile, shown: string): CheckFinding[] {
  const assumesRole = job.steps.some(isRoleStep);
  const base = { file: shown, line: job.line, job: job.id };
  if (!assumesRole) {
    // A job calling a reusable workflow passes its permissions on: the called workflow may need the token.
    if (job.uses === undefined && grantsIdToken(job.permissions)) {
      return [{
        ...base,
        severity: 'error',
        code: 'id-token-without-role',
        message: 'grants id-token: write but assumes no role, so any step of it can mint an OIDC token of this repository',
        fix: `remove id-token: write from job "${job.id}" (only the job that runs configure-aws-credentials needs it)`,
      }];
    }
    return [];
  }
  const effective = job.permissions !== undefined ? job.permissions : workflow.permissions;
  if (!grantsIdToken(effective)) {
    return [{
      ...base,
      severity: 'error',
      code: 'missing-id-token',
      message: 'assumes a role through GitHub OIDC but is not granted id-token: write, so configure-aws-credentials gets no token',
      fix: `add \`permissions: { id-token: write, contents: read }\` to job "${job.id}"`,
    }];
  }
  if (job.permissions === 'write-all') {
    return [{
      ...base,
      severity: 'warning',
      code: 'broad-permissions',
      message: 'has `permissions: write-all`, which gives every step write access to the repository besides the OIDC token',
      fix: `give job "${job.id}" only \`permissions: { id-token: write, contents: read }\``,
    }];
  }
  return [];
}

/** Why a `uses:` is not pinned to an immutable commit (or image digest), or undefined when it is. */
function pinProblem(uses: string): { message: string; fix: string } | undefined {
  if (uses.startsWith('./')) return undefined; // an action of the same repository, at the same commit
  if (uses.startsWith('docker://')) {
    return uses.includes('@sha256:')
      ? undefined
      : { message: `"${uses}" names a Docker image by tag, which can be moved to other code`, fix: 'pin the image by digest: docker://IMAGE@sha256:DIGEST' };
  }
  const at = uses.lastIndexOf('@');
  const ref = at === -1 ? '' : uses.slice(at + 1);
  if (FULL_SHA.test(ref)) return undefined;
  const action = at === -1 ? uses : uses.slice(0, at);
  return {
    message: `"${uses}" is not pinned to a commit: ${ref === '' ? 'it names no ref' : `"${ref}" can be moved to other code`}`,
    fix: `pin it to the full 40-character commit SHA of the release, with the version as a comment: uses: ${action}@<sha> # ${ref || 'vX.Y.Z'}`,
  };
}
