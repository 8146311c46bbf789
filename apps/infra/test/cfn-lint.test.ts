import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveOrThrow } from '@lockstep/model';
import { checkerPath, testWith } from '../../../tools/checker-test';
import { synthesizeInfra } from '../src';
import { withMoreEnvironments } from './support/configs';

const TEMPLATES = path.join(__dirname, '..', 'templates');
const committed = fs.existsSync(TEMPLATES) ? fs.readdirSync(TEMPLATES).sort().map((f) => path.join(TEMPLATES, f)) : [];

/** cfn-lint's findings on some template files, one JSON list for all (cfn-lint exits non-zero when it finds any). */
function cfnLint(files: readonly string[]): Array<{ Rule: { Id: string }; Filename: string; Message: string }> {
  try {
    return JSON.parse(execFileSync(checkerPath('cfn-lint'), ['--format', 'json', '--', ...files], { encoding: 'utf8' }) || '[]');
  } catch (e) {
    const out = (e as { stdout?: string }).stdout;
    if (out) return JSON.parse(out);
    throw e;
  }
}

describe('cfn-lint (the CI machine has it)', () => {
  testWith('cfn-lint')('reports nothing on the committed templates', () => {
    expect(committed.length).toBeGreaterThan(0);
    expect(cfnLint(committed)).toEqual([]);
  });

  testWith('cfn-lint')('reports nothing on the templates of a config with more environments (GovCloud, a second account)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-cfn-lint-'));
    const files = synthesizeInfra(resolveOrThrow(withMoreEnvironments())).stacks.map((s) => {
      const file = path.join(dir, `${s.stackName}.template.json`);
      fs.writeFileSync(file, JSON.stringify(s.template, null, 2));
      return file;
    });
    expect(cfnLint(files)).toEqual([]);
  });

  testWith('cfn-lint')('does report a broken template (so an empty report means something)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-cfn-lint-'));
    const file = path.join(dir, 'broken.json');
    const template = JSON.parse(fs.readFileSync(committed[0], 'utf8'));
    const role = Object.values(template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>).find((r) => r.Type === 'AWS::IAM::Role')!;
    role.Properties.MaxSessionDuration = 60;
    fs.writeFileSync(file, JSON.stringify(template));
    expect(cfnLint([file]).length).toBeGreaterThan(0);
  });
});
