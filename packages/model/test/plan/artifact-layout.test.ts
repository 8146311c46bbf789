import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportedTrustPolicyFile, LAYOUT, relativeTo, REPO_FILES, repoFile, templateFile } from '../../src/plan/artifact-layout';

const ROOT = path.join(__dirname, '../../../..');

describe('artifact layout', () => {
  test('names every generated path from the workspace root', () => {
    expect(repoFile('python-sdk', REPO_FILES.lambdaTestsWorkflow)).toBe('apps/repos/python-sdk/.github/workflows/lambda-tests.yml');
    expect(templateFile('Lockstep-testing')).toBe('apps/infra/templates/Lockstep-testing.template.json');
    expect(exportedTrustPolicyFile('R')).toBe('apps/infra/trust-policies/R.json');
  });

  test('relativeTo gives the CDK app its own view of its files, and refuses a file outside the folder', () => {
    expect(relativeTo(LAYOUT.infraDir, templateFile('S'))).toBe('templates/S.template.json');
    expect(() => relativeTo(LAYOUT.infraDir, repoFile('r', REPO_FILES.lambdaTestsWorkflow))).toThrow(/not under apps\/infra/);
  });

  test('the committed files are where the layout says (the default config)', () => {
    expect(fs.existsSync(path.join(ROOT, LAYOUT.config))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, LAYOUT.accessReport))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, repoFile('python-sdk', REPO_FILES.lambdaTestsWorkflow)))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, LAYOUT.trustPoliciesDir))).toBe(true);
  });

  test('no other source file spells a generated path (comments and help prose aside)', () => {
    const spelled = /['"`](?:apps\/repos|apps\/infra\/templates|apps\/infra\/trust-policies|\.github\/workflows\/lambda-tests\.yml|\.github\/workflows\/lockstep-lambda-tests\.yml|docs\/development\/testing\/lambda-testing\.rst|ACCESS\.md)['"`/]/;
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && !full.endsWith(path.join('plan', 'artifact-layout.ts')) && !full.endsWith(path.join('github', 'repo-files.ts'))) {
          fs.readFileSync(full, 'utf8').split('\n').forEach((line, i) => {
            if (!/^\s*(\*|\/\/|\/\*)/.test(line) && spelled.test(line)) offenders.push(`${path.relative(ROOT, full)}:${i + 1}`);
          });
        }
      }
    };
    for (const dir of ['packages/model/src', 'packages/projen/src', 'packages/constructs/src', 'packages/cli/src', 'apps/infra/src', 'projenrc']) walk(path.join(ROOT, dir));
    expect(offenders).toEqual([]);
  });
});
