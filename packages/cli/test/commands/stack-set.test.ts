import * as fs from 'node:fs';
import * as path from 'node:path';
import { STACK_SET, stackSetConfig } from '../../../model/test/support/stack-set-config';
import { lockstep, makeWorkspace, removeTemps, type Workspace } from '../support/workspace';

afterAll(removeTemps);

/** The StackSet templates apps/infra commits for the fixture config (apps/infra/test/stack-set.test.ts keeps them current). */
const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'apps', 'infra', 'test', 'fixtures', 'stackset');
const INNER = 'Lockstep-testing--stackset.template.json';
const OUTER = 'Lockstep-testing.template.json';

/** A workspace of the StackSet fixture config with the synthesized outer and inner templates. */
function stackSetWorkspace(): Workspace {
  const ws = makeWorkspace({ config: stackSetConfig() });
  const templates = ws.file('apps', 'infra', 'templates');
  fs.rmSync(templates, { recursive: true, force: true });
  fs.mkdirSync(templates, { recursive: true });
  for (const file of [INNER, OUTER]) fs.copyFileSync(path.join(FIXTURES, file), path.join(templates, file));
  return ws;
}

describe('lockstep check on a StackSet environment (testing: an OU in two regions)', () => {
  test('passes on the synthesized StackSet templates', () => {
    const ws = stackSetWorkspace();
    const result = lockstep(['check'], { cwd: ws.root });
    expect(result.stderr + result.stdout).not.toMatch(/error/i);
    expect(result.status).toBe(0);
  });

  test('fails after a trust edit inside the instance template (a subject of another branch)', () => {
    const ws = stackSetWorkspace();
    ws.edit(ws.file('apps', 'infra', 'templates', INNER), (text) => text.replace('repo:honeyhiveai/python-sdk:ref:refs/heads/main', 'repo:honeyhiveai/python-sdk:ref:refs/heads/dev'));
    const result = lockstep(['check'], { cwd: ws.root });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('Lockstep-testing--stackset.template.json');
    expect(result.stdout + result.stderr).toContain('refs/heads/dev');
  });

  test('fails after the same edit inside the StackSet resource\'s TemplateBody of the outer template (what is deployed)', () => {
    const ws = stackSetWorkspace();
    ws.edit(ws.file('apps', 'infra', 'templates', OUTER), (text) => text.replace('repo:honeyhiveai/python-sdk:ref:refs/heads/main', 'repo:honeyhiveai/python-sdk:ref:refs/heads/dev'));
    const result = lockstep(['check'], { cwd: ws.root });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('StackSet TemplateBody');
  });

  test('fails when the provider the trust names is another account\'s, not the one of the account the instance runs in', () => {
    const ws = stackSetWorkspace();
    ws.edit(ws.file('apps', 'infra', 'templates', INNER), (text) => text.replace('arn:aws:iam::${AWS::AccountId}:oidc-provider', `arn:aws:iam::${STACK_SET.adminAccount}:oidc-provider`));
    const result = lockstep(['check'], { cwd: ws.root });
    expect(result.status).not.toBe(0);
  });
});
