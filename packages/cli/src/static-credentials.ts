import type { CheckFinding } from './check-finding';
import type { WorkflowFile, WorkflowJob } from './workflow-file';

/**
 * How a job gets long-lived AWS keys:
 * - `action-input`: configure-aws-credentials with `aws-access-key-id` / `aws-secret-access-key` / `aws-session-token`;
 * - `env`: `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` set from a secret (or a literal key);
 * - `aws-configure-set`: `aws configure set aws_access_key_id …` in a `run:` script;
 * - `run-export`: `AWS_ACCESS_KEY_ID=${{ secrets.… }}` written in a `run:` script (e.g. to `$GITHUB_ENV`);
 * - `reusable-workflow-secret`: a call of a reusable workflow passing an AWS key secret;
 * - `other-action-input`: an AWS key secret passed to another action (e.g. a composite action).
 */
export type StaticKeyForm = 'action-input' | 'env' | 'aws-configure-set' | 'run-export' | 'reusable-workflow-secret' | 'other-action-input';

/** One place a job takes long-lived AWS keys. */
export interface StaticCredential {
  readonly form: StaticKeyForm;
  /** Where it is written: the workflow's `env:`, the job's, or one step's. */
  readonly level: 'workflow' | 'job' | 'step';
  /** The job that gets the keys (a workflow-level entry is reported for every job that inherits it). */
  readonly job: string;
  /** 0-based index of the step, for a step-level entry. */
  readonly step?: number;
  /** The input, env name or secret name, e.g. `aws-access-key-id`, `AWS_SECRET_ACCESS_KEY`. */
  readonly key: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** Why `lockstep migrate` can't rewrite it, and what to do by hand; undefined when it can. */
  readonly manual?: string;
}

const CONFIGURE_AWS_CREDENTIALS = /^aws-actions\/configure-aws-credentials@/i;
/** The inputs of configure-aws-credentials that take long-lived keys (action.yml of aws-actions/configure-aws-credentials). */
export const STATIC_KEY_INPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'] as const;
/** The environment variables the AWS CLI and SDKs read keys from. */
export const STATIC_KEY_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;
const SECRET_REF = /\$\{\{[^}]*\bsecrets\./;
/** An access key id written literally: `AKIA…` (a user's) or `ASIA…` (temporary). */
const LITERAL_KEY = /^(?:AKIA|ASIA)[A-Z0-9]{16}$/;
/** A secret or input name that holds AWS keys, whatever else the name says (`PROD_AWS_ACCESS_KEY_ID`). */
const KEY_NAME = /aws[-_]?(?:access[-_]?key[-_]?id|secret[-_]?access[-_]?key|session[-_]?token)/i;

/** Whether an env value gives a key: a secret, or a key written literally. */
function isKeyValue(value: unknown): boolean {
  return typeof value === 'string' && (SECRET_REF.test(value) || LITERAL_KEY.test(value.trim()));
}

/**
 * Every place a workflow's jobs take long-lived AWS keys, in job and step order. A workflow-level `env:`
 * entry counts for every job with steps (a reusable-workflow call doesn't pass `env` on).
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 * @see https://github.com/aws-actions/configure-aws-credentials/blob/main/action.yml
 */
export function staticCredentials(workflow: WorkflowFile): StaticCredential[] {
  const found: StaticCredential[] = [];
  const workflowEnv = STATIC_KEY_ENV.filter((k) => isKeyValue(workflow.env[k]));
  for (const job of workflow.jobs) {
    if (job.uses !== undefined) {
      found.push(...reusableCall(job));
      continue;
    }
    for (const key of workflowEnv) found.push({ form: 'env', level: 'workflow', job: job.id, key });
    for (const key of STATIC_KEY_ENV) if (isKeyValue(job.env[key])) found.push({ form: 'env', level: 'job', job: job.id, key, line: job.line });
    for (const step of job.steps) {
      const at = { level: 'step' as const, job: job.id, step: step.index, line: step.line ?? job.line };
      for (const key of STATIC_KEY_ENV) if (isKeyValue(step.env[key])) found.push({ ...at, form: 'env', key });
      if (step.uses !== undefined && CONFIGURE_AWS_CREDENTIALS.test(step.uses)) {
        for (const key of STATIC_KEY_INPUTS) if (step.with[key] !== undefined) found.push({ ...at, form: 'action-input', key });
      } else if (step.uses !== undefined) {
        for (const [key, value] of Object.entries(step.with)) {
          if (typeof value === 'string' && SECRET_REF.test(value) && (KEY_NAME.test(key) || KEY_NAME.test(value))) {
            found.push({
              ...at,
              form: 'other-action-input',
              key,
              manual: `the step passes AWS keys to "${step.uses}" (input "${key}"): change that action to use the credentials of a configure-aws-credentials step with role-to-assume before it, then drop the input`,
            });
          }
        }
      }
      const { configureSet, exported } = step.run ?? {};
      if (configureSet !== undefined) found.push({ ...at, form: 'aws-configure-set', key: configureSet });
      if (exported !== undefined) {
        found.push({
          ...at,
          form: 'run-export',
          key: exported,
          manual: `the script writes ${exported} from a secret: delete those lines by hand; the configure-aws-credentials step migrate adds exports the role's temporary credentials to later steps`,
        });
      }
    }
  }
  return found;
}

function reusableCall(job: WorkflowJob): StaticCredential[] {
  const secrets = job.secrets;
  if (typeof secrets !== 'object' || secrets === null) return [];
  const names = Object.entries(secrets as Record<string, unknown>)
    .filter(([name, value]) => KEY_NAME.test(name) || (typeof value === 'string' && KEY_NAME.test(value)))
    .map(([name]) => name);
  const manual = `the job passes ${names.map((n) => `"${n}"`).join(', ')} to the reusable workflow ${job.uses ?? ''}: migrate the called workflow (its job assumes the role with configure-aws-credentials and role-to-assume; the token's sub is this caller's), give this job \`permissions: { id-token: write, contents: read }\`, then stop passing the secrets`;
  return names.map((name) => ({ form: 'reusable-workflow-secret' as const, level: 'job' as const, job: job.id, key: name, line: job.usesLine ?? job.line, manual }));
}

/** How a job authenticates to AWS: long-lived keys, a role through GitHub OIDC, or neither that this can see. */
export type JobAuth = 'static-keys' | 'oidc' | 'none';

/** What {@link staticCredentials} found, as `check` errors: one per place, with the OIDC fix. */
export function staticCredentialFindings(workflow: WorkflowFile, shown: string): CheckFinding[] {
  const found = staticCredentials(workflow);
  const findings: CheckFinding[] = [];
  const workflowLevel = [...new Set(found.filter((c) => c.level === 'workflow').map((c) => c.key))];
  if (workflowLevel.length > 0) {
    const jobs = [...new Set(found.filter((c) => c.level === 'workflow').map((c) => c.job))];
    findings.push({
      severity: 'error',
      code: 'static-aws-keys',
      file: shown,
      message: `the workflow-level env sets ${workflowLevel.join(', ')} from secrets, so every job (${jobs.map((j) => `"${j}"`).join(', ')}) runs with long-lived AWS keys that anyone who can change a workflow can read out`,
      fix: fixText(jobs),
    });
  }
  // One finding per place (a step's two key inputs are one thing to fix), naming every key there.
  const places = new Map<string, StaticCredential[]>();
  for (const c of found.filter((x) => x.level !== 'workflow')) {
    const at = `${c.job}|${c.level}|${c.step ?? ''}|${c.form}`;
    places.set(at, [...(places.get(at) ?? []), c]);
  }
  for (const group of places.values()) {
    const c = group[0];
    const keys = group.map((g) => g.key).join(', ');
    const what =
      c.form === 'action-input' ? `configure-aws-credentials takes long-lived keys (${keys})`
      : c.form === 'env' ? `${c.level === 'job' ? 'the job\'s' : 'a step\'s'} env sets ${keys} from secrets`
      : c.form === 'aws-configure-set' ? `a step runs \`aws configure set ${keys}\``
      : c.form === 'run-export' ? `a step's script sets ${keys} from a secret`
      : c.form === 'reusable-workflow-secret' ? `the job passes AWS key secrets (${keys}) to a reusable workflow`
      : `a step passes AWS key secrets to an action (${keys})`;
    findings.push({
      severity: 'error',
      code: 'static-aws-keys',
      file: shown,
      line: c.line,
      job: c.job,
      message: `${what}: long-lived AWS keys, valid until someone rotates them, readable by any workflow change`,
      fix: c.manual ?? fixText([c.job]),
    });
  }
  return findings;
}

function fixText(jobs: readonly string[]): string {
  const names = jobs.map((j) => `"${j}"`).join(', ');
  return `assume a role through GitHub OIDC instead: give job ${names} \`permissions: { id-token: write, contents: read }\` and a configure-aws-credentials step with role-to-assume and aws-region, remove the keys, then delete the secrets (\`lockstep migrate REPO --from CHECKOUT\` writes these edits and the config entry)`;
}
