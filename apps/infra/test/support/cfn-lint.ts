import { execFileSync } from 'node:child_process';
import { checkerPath } from '../../../../tools/checker-test';

/** One cfn-lint finding, as its JSON output prints it. */
export type CfnLintFinding = { Rule: { Id: string }; Filename: string; Message: string };

/** cfn-lint's findings on some template files, one JSON list for all (cfn-lint exits non-zero when it finds any). */
export function cfnLintFindings(files: readonly string[]): CfnLintFinding[] {
  try {
    return JSON.parse(execFileSync(checkerPath('cfn-lint'), ['--format', 'json', '--', ...files], { encoding: 'utf8' }) || '[]');
  } catch (e) {
    const out = (e as { stdout?: string }).stdout;
    if (out) return JSON.parse(out);
    throw e;
  }
}
