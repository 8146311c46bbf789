import * as path from 'node:path';
import { preflightTemplate, type PreflightFinding, type PreflightOptions, type ResolvedConfig, type ResolvedRepo } from '@lockstep/model';
import type { ParsedArgs } from '../args';
import { UsageError } from '../cli-error';
import { EXIT, type Command, type Io } from '../command';
import { loadConfig } from '../load-config';
import { readSamTemplate } from '../read-sam-template';
import { displayPath, findWorkspace } from '../workspace';

/** `lockstep preflight TEMPLATE [--repo NAME] [--json]`: what the repository's role couldn't deploy, before any run. */
export const preflight: Command = {
  name: 'preflight',
  summary: 'say what in a SAM template the repository\'s sam-lambda-testing role could not deploy, with the fix',
  usage: 'lockstep preflight TEMPLATE [--repo NAME] [--root DIR] [--json]',
  help: `Reads a repository's SAM or CloudFormation template (YAML with the short intrinsic tags, or JSON) and
reports what the sam-lambda-testing role can't deploy: resource types, events and function properties
(AutoPublishAlias, VpcConfig, …) outside the supported set, functions without the permissions boundary,
fixed names that escape the repository's scope (and collide between runs), a Runtime other than the one the
workflow sets up. Each finding comes with the fix.

With --repo (and a lockstep.config.ts found from the current directory or --root), the boundary ARN and the
runtime are the repository's own.

lockstep sync runs it on the target checkout's template (template.yaml, template.yml or template.json in the
repository's lambdaTests.workingDirectory) when it finds one.

Options:
  --repo NAME  the repository the template belongs to (a key of repos in lockstep.config.ts)
  --root DIR   the Lockstep repository (default: found upward from the current directory)
  --json       print {"findings":[{"severity","code","resource","message","fix"}]}

Exit codes: 0 nothing the role can't deploy, 1 an error finding, 2 a usage or file error.`,
  options: { json: 'flag', repo: 'value', root: 'value' },
  run: runPreflight,
};

function runPreflight(args: ParsedArgs, io: Io): number {
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length === 0 ? 'missing TEMPLATE: the SAM template to check' : 'expected one TEMPLATE');
  const file = path.resolve(io.cwd, args.positionals[0]);
  const shown = displayPath(file, io.cwd);
  const repoName = args.values.get('repo');
  let options: PreflightOptions = {};
  if (repoName !== undefined) {
    const config = loadConfig(findWorkspace(io.cwd, args.values.get('root')), io.cwd);
    if (config === undefined) throw new UsageError(`--repo "${repoName}": no lockstep.config.ts found; run from the Lockstep repository, or pass --root`);
    const repo = config.repos.find((r) => r.name === repoName);
    if (repo === undefined) {
      throw new UsageError(`--repo "${repoName}" is not in lockstep.config.ts; expected one of ${config.repos.map((r) => `"${r.name}"`).join(', ')}`);
    }
    options = preflightOptionsFor(config, repo);
  }
  const findings = preflightTemplate(readSamTemplate(file, shown), options);
  io.out(args.flags.has('json') ? `${JSON.stringify({ findings }, null, 2)}\n` : preflightReport(shown, findings));
  return preflightExit(findings);
}

/** What a repository's template is checked against: its role's boundary and its workflow's runtime. */
export function preflightOptionsFor(config: ResolvedConfig, repo: ResolvedRepo): PreflightOptions {
  const role = config.roles.find((r) => r.name === repo.role);
  return {
    ...(role?.samTesting ? { functionBoundaryArn: role.samTesting.functionBoundaryArn } : {}),
    ...(repo.lambdaTests ? { runtime: repo.lambdaTests.runtime.id } : {}),
  };
}

/** 1 when a finding is an error, else 0. */
export function preflightExit(findings: readonly PreflightFinding[]): number {
  return findings.some((f) => f.severity === 'error') ? EXIT.finding : EXIT.ok;
}

/** The findings for a person, one per resource with its fix. */
export function preflightReport(shown: string, findings: readonly PreflightFinding[]): string {
  if (findings.length === 0) return `${shown}: nothing the sam-lambda-testing role can't deploy\n`;
  return findings.map((f) => `${shown}: ${f.severity}: ${f.resource ? `${f.resource}: ` : ''}${f.message}\n  fix: ${f.fix}\n`).join('');
}
