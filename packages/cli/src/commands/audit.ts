import * as path from 'node:path';
import { auditTrust, DEFAULT_TRUST_POLICY_QUOTA } from '@lockstep/model';
import type { ParsedArgs } from '../args';
import { UsageError } from '../cli-error';
import { EXIT, type Command, type Io } from '../command';
import { readPolicyFile } from '../read-input';
import { displayPath } from '../workspace';

/** `lockstep audit FILE`: the model's audit of any trust policy. */
export const audit: Command = {
  name: 'audit',
  summary: 'find what lets the wrong workflows in (or keeps the right ones out) of any trust policy',
  usage: 'lockstep audit FILE [--quota N] [--json]',
  help: `Audits a GitHub OIDC trust policy: a missing or wildcard sub, owner-wide and prefix wildcards
(repo:org/app* also admits repo:org/app-evil), broad values hidden after the first one, set, negated
and IfExists operators on claims, a missing or wrong aud, and the size quota.

FILE is a policy document, the JSON output of \`aws iam get-role\`, or a URL-encoded document.

Options:
  --quota N   the account's trust policy size quota, in characters without whitespace (default ${DEFAULT_TRUST_POLICY_QUOTA})
  --json      print {"findings":[{"severity","code","message"}]}

Exit codes: 0 no error finding, 1 an error finding, 2 a usage or file error.`,
  options: { json: 'flag', quota: 'value' },
  run: runAudit,
};

function runAudit(args: ParsedArgs, io: Io): number {
  if (args.positionals.length === 0) throw new UsageError('missing FILE: the trust policy to audit');
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"; audit one FILE at a time`);
  const quotaText = args.values.get('quota');
  const quota = quotaText === undefined ? undefined : Number(quotaText);
  if (quota !== undefined && !(Number.isInteger(quota) && quota > 0)) throw new UsageError(`--quota "${quotaText}": expected a positive whole number of characters, e.g. 2048`);

  const file = args.positionals[0];
  const shown = displayPath(path.resolve(io.cwd, file), io.cwd);
  const policy = readPolicyFile(path.resolve(io.cwd, file), shown);
  const findings = auditTrust(policy, quota === undefined ? {} : { quota });
  const errors = findings.filter((f) => f.severity === 'error').length;

  if (args.flags.has('json')) {
    io.out(`${JSON.stringify({ findings: findings.map((f) => ({ severity: f.severity, code: f.code, message: f.message, ...(f.statement !== undefined ? { statement: f.statement } : {}), ...(f.value !== undefined ? { value: f.value } : {}) })) }, null, 2)}\n`);
    return errors > 0 ? EXIT.finding : EXIT.ok;
  }
  if (findings.length === 0) {
    io.out(`${shown}: no findings: every statement pins aud and sub to exact values or safe patterns\n`);
    return EXIT.ok;
  }
  const lines = findings.map((f) => `${f.severity.padEnd(7)} ${f.statement !== undefined ? `statement ${f.statement}: ` : ''}${f.message} [${f.code}]`);
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const infos = findings.length - errors - warnings;
  io.out(`${shown}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info\n${lines.join('\n')}\n`);
  return errors > 0 ? EXIT.finding : EXIT.ok;
}
