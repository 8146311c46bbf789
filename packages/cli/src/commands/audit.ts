import * as path from 'node:path';
import { DEFAULT_TRUST_POLICY_QUOTA, type AuditFinding } from '@lockstep/model';
import type { ParsedArgs } from '../args';
import { auditFile, type AuditedPolicy, type FileAudit, type SkippedRole } from '../audit-file';
import { InputError, UsageError } from '../cli-error';
import { EXIT, type Command, type Io } from '../command';
import { displayPath } from '../workspace';

/** `lockstep audit FILE...`: the model's audit of any trust policy. */
export const audit: Command = {
  name: 'audit',
  summary: 'find what lets the wrong workflows in (or keeps the right ones out) of any trust policy',
  usage: 'lockstep audit FILE... [--quota N] [--json]',
  help: `Audits GitHub OIDC trust policies: a missing or wildcard sub, owner-wide and prefix wildcards
(repo:org/app* also admits repo:org/app-evil), broad values hidden after the first one, subjects no
token presents (ref:refs/pull/…: a pull request's sub is …:pull_request), an unencoded ":" in an
environment, branch, tag, environment and merge-queue wildcards, case-insensitive operators on sub,
custom-template subjects that admit a whole organization, condition keys AWS STS does not evaluate
for GitHub tokens (they lock the role or restrict nothing), set, negated and IfExists operators on
claims, a missing or wrong aud, and the size quota. A condition on repository_id, repository, ref,
environment or job_workflow_ref in the same statement narrows a broad sub, and is taken into account.

Each FILE is a policy document, the JSON output of \`aws iam get-role\`, a URL-encoded document, one
CloudFormation AWS::IAM::Role resource, or a whole synthesized CloudFormation template (JSON). Of a
template, every AWS::IAM::Role that trusts the GitHub OIDC provider is audited, its intrinsics resolved
(Ref, Fn::Join, Fn::Sub of pseudo parameters and of a provider the stack creates); roles that trust only
AWS services or accounts are skipped, each with a line saying whom it trusts.

Options:
  --quota N   the account's trust policy size quota, in characters without whitespace (default ${DEFAULT_TRUST_POLICY_QUOTA})
  --json      print {"findings":[{"severity","code","message","file","role","logicalId",…}],"audited":[…],"skipped":[…]}

Exit codes: 0 no error finding, 1 an error finding in any FILE, 2 a usage or file error (nothing is audited).`,
  options: { json: 'flag', quota: 'value' },
  run: runAudit,
};

function runAudit(args: ParsedArgs, io: Io): number {
  if (args.positionals.length === 0) throw new UsageError('missing FILE: the trust policy or template to audit');
  const quotaText = args.values.get('quota');
  const quota = quotaText === undefined ? undefined : Number(quotaText);
  if (quota !== undefined && !(Number.isInteger(quota) && quota > 0)) throw new UsageError(`--quota "${quotaText}": expected a positive whole number of characters, e.g. 2048`);

  // Every file is read before anything is reported: a file that can't be audited is exit 2, and every such file is named.
  const files = [...new Set(args.positionals.map((f) => path.resolve(io.cwd, f)))];
  const audits: FileAudit[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      audits.push(auditFile(file, displayPath(file, io.cwd), quota === undefined ? {} : { quota }));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(e.message);
    }
  }
  if (problems.length === 1) throw new InputError(problems[0]);
  if (problems.length > 1) {
    io.err(problems.map((p) => `lockstep ${audit.name}: ${p}\n`).join(''));
    return EXIT.usage;
  }

  const audited = audits.flatMap((a) => a.audited);
  const skipped = audits.flatMap((a) => a.skipped);
  const errors = count(audited, 'error');
  io.out(args.flags.has('json') ? `${JSON.stringify(toJson(audited, skipped), null, 2)}\n` : report(audits, files.length));
  return errors > 0 ? EXIT.finding : EXIT.ok;
}

function toJson(audited: readonly AuditedPolicy[], skipped: readonly SkippedRole[]): object {
  return {
    findings: audited.flatMap((p) =>
      p.findings.map((f) => ({
        severity: f.severity,
        code: f.code,
        message: f.message,
        ...(f.statement !== undefined ? { statement: f.statement } : {}),
        ...(f.value !== undefined ? { value: f.value } : {}),
        ...where(p),
      })),
    ),
    audited: audited.map(where),
    skipped: skipped.map((s) => ({ ...where(s), reason: s.reason })),
  };
}

/** `file`, and `role` (its name, else its logical id) and `logicalId` when the policy is a role's. */
function where(p: { file: string; role?: string; logicalId?: string }): { file: string; role?: string; logicalId?: string } {
  const role = p.role ?? p.logicalId;
  return { file: p.file, ...(role !== undefined ? { role } : {}), ...(p.logicalId !== undefined ? { logicalId: p.logicalId } : {}) };
}

/**
 * One block per trust policy: a header naming the file (and role) with the counts, then a line per finding;
 * a line per skipped role; a total when there is more than one policy or file.
 */
function report(audits: readonly FileAudit[], fileCount: number): string {
  const lines: string[] = [];
  for (const a of audits) {
    for (const p of a.audited) lines.push(...block(p));
    for (const s of a.skipped) lines.push(`${s.file}: ${roleLabel(s)}: skipped: ${s.reason}`);
    if (a.template && a.audited.length === 0 && a.skipped.length === 0) lines.push(`${a.file}: the template has no AWS::IAM::Role; nothing to audit`);
  }
  const audited = audits.flatMap((a) => a.audited);
  if (audited.length > 1 || fileCount > 1) {
    const skipped = audits.reduce((n, a) => n + a.skipped.length, 0);
    lines.push(`lockstep audit: ${plural(audited.length, 'trust policy', 'trust policies')} in ${plural(fileCount, 'file')}${skipped > 0 ? ` (${plural(skipped, 'role')} skipped)` : ''}: ${counts(audited)}`);
  }
  return `${lines.join('\n')}\n`;
}

function block(p: AuditedPolicy): string[] {
  const label = p.role === undefined && p.logicalId === undefined ? p.file : `${p.file}: ${roleLabel(p)}`;
  if (p.findings.length === 0) return [`${label}: no findings: every statement pins aud and sub to exact values or safe patterns`];
  return [`${label}: ${counts([p])}`, ...p.findings.map((f) => `${f.severity.padEnd(7)} ${f.statement !== undefined ? `statement ${f.statement}: ` : ''}${f.message} [${f.code}]`)];
}

/** `role NAME (LogicalId)`, or for a role CloudFormation names, `role LogicalId (name generated by CloudFormation)`. */
function roleLabel(p: { role?: string; logicalId?: string }): string {
  if (p.role === undefined) return `role ${p.logicalId} (name generated by CloudFormation)`;
  return p.logicalId === undefined || p.logicalId === p.role ? `role ${p.role}` : `role ${p.role} (${p.logicalId})`;
}

function counts(policies: readonly AuditedPolicy[]): string {
  const errors = count(policies, 'error');
  const warnings = count(policies, 'warning');
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${count(policies, 'info')} info`;
}

function count(policies: readonly AuditedPolicy[], severity: AuditFinding['severity']): number {
  return policies.reduce((n, p) => n + p.findings.filter((f) => f.severity === severity).length, 0);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
