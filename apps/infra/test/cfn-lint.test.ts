import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveOrThrow } from '@lockstep/model';
import { hasChecker, testWith } from '../../../tools/checker-test';
import { synthesizeInfra } from '../src';
import { cfnLintFindings as cfnLint, type CfnLintFinding } from './support/cfn-lint';
import { withMoreEnvironments } from './support/configs';

const TEMPLATES = path.join(__dirname, '..', 'templates');
const committed = fs.existsSync(TEMPLATES) ? fs.readdirSync(TEMPLATES).sort().map((f) => path.join(TEMPLATES, f)) : [];

/**
 * The files of every test below, linted in one cfn-lint run (its start-up, Python and the resource
 * schemas, is most of its time); each test reads the findings on its own files. Undefined when this
 * machine has no cfn-lint (the tests are skipped).
 */
function lintAll(): { committed: string[]; moreEnvironments: string[]; broken: string; findings: CfnLintFinding[] } | undefined {
  if (!hasChecker('cfn-lint')) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-cfn-lint-'));
  const moreEnvironments = synthesizeInfra(resolveOrThrow(withMoreEnvironments())).stacks.map((s) => {
    const file = path.join(dir, `${s.stackName}.template.json`);
    fs.writeFileSync(file, JSON.stringify(s.template, null, 2));
    return file;
  });
  const broken = path.join(dir, 'broken.json');
  const template = JSON.parse(fs.readFileSync(committed[0], 'utf8'));
  const role = Object.values(template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>).find((r) => r.Type === 'AWS::IAM::Role')!;
  role.Properties.MaxSessionDuration = 60;
  fs.writeFileSync(broken, JSON.stringify(template));
  return { committed, moreEnvironments, broken, findings: cfnLint([...committed, ...moreEnvironments, broken]) };
}

describe('cfn-lint (the CI machine has it)', () => {
  let lint: ReturnType<typeof lintAll>;
  beforeAll(() => { lint = lintAll(); }, 120_000);
  const findingsOn = (files: readonly string[]) => lint!.findings.filter((f) => files.includes(f.Filename));

  testWith('cfn-lint')('reports nothing on the committed templates', () => {
    expect(committed.length).toBeGreaterThan(0);
    expect(findingsOn(lint!.committed)).toEqual([]);
  });

  testWith('cfn-lint')('reports nothing on the templates of a config with more environments (GovCloud, a second account)', () => {
    expect(findingsOn(lint!.moreEnvironments)).toEqual([]);
  });

  testWith('cfn-lint')('does report a broken template (so an empty report means something)', () => {
    expect(findingsOn([lint!.broken]).length).toBeGreaterThan(0);
  });
});
