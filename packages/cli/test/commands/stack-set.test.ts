import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STACK_SET, stackSetConfig } from '../../../model/test/support/stack-set-config';
import { cli, makeWorkspace, removeTemps, type Workspace } from '../support/workspace';

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
    const result = cli(['check'], { cwd: ws.root });
    expect(result.stderr + result.stdout).not.toMatch(/error/i);
    expect(result.status).toBe(0);
  });

  test('fails after a trust edit inside the instance template (a subject of another branch)', () => {
    const ws = stackSetWorkspace();
    ws.edit(ws.file('apps', 'infra', 'templates', INNER), (text) => text.replace('repo:honeyhiveai/python-sdk:ref:refs/heads/main', 'repo:honeyhiveai/python-sdk:ref:refs/heads/dev'));
    const result = cli(['check'], { cwd: ws.root });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('Lockstep-testing--stackset.template.json');
    expect(result.stdout + result.stderr).toContain('refs/heads/dev');
  });

  test('fails after the same edit inside the StackSet resource\'s TemplateBody of the outer template (what is deployed)', () => {
    const ws = stackSetWorkspace();
    ws.edit(ws.file('apps', 'infra', 'templates', OUTER), (text) => text.replace('repo:honeyhiveai/python-sdk:ref:refs/heads/main', 'repo:honeyhiveai/python-sdk:ref:refs/heads/dev'));
    const result = cli(['check'], { cwd: ws.root });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('StackSet TemplateBody');
  });

  test('fails when the provider the trust names is another account\'s, not the one of the account the instance runs in', () => {
    const ws = stackSetWorkspace();
    ws.edit(ws.file('apps', 'infra', 'templates', INNER), (text) => text.replace('arn:aws:iam::${AWS::AccountId}:oidc-provider', `arn:aws:iam::${STACK_SET.adminAccount}:oidc-provider`));
    const result = cli(['check'], { cwd: ws.root });
    expect(result.status).not.toBe(0);
  });
});

describe('lockstep check: the StackSet deploys the instance template it reads', () => {
  /** Rewrites the outer template's StackSet resource. */
  const editStackSet = (ws: Workspace, change: (props: Record<string, unknown>) => void) => ws.edit(ws.file('apps', 'infra', 'templates', OUTER), (text) => {
    const template = JSON.parse(text);
    change(template.Resources.StackSet.Properties);
    return JSON.stringify(template, null, 2);
  });
  const innerHash = (ws: Workspace) => createHash('sha256').update(JSON.stringify(JSON.parse(fs.readFileSync(ws.file('apps', 'infra', 'templates', INNER), 'utf8')))).digest('hex');

  test('fails when the committed instance template is missing', () => {
    const ws = stackSetWorkspace();
    fs.rmSync(ws.file('apps', 'infra', 'templates', INNER));
    const result = cli(['check'], { cwd: ws.root });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('stackset-template-missing');
  });

  test('fails when the inline TemplateBody differs from the committed instance template outside any trust policy', () => {
    const ws = stackSetWorkspace();
    ws.edit(ws.file('apps', 'infra', 'templates', INNER), (text) => text.replace('"MaxSessionDuration": 3600', '"MaxSessionDuration": 7200'));
    const result = cli(['check'], { cwd: ws.root });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('stackset-template-differs');
    expect(result.stdout).toContain('the TemplateBody of StackSet is not the instance template');
  });

  test('a TemplateURL (a template over 51,200 bytes, in S3) passes when its key is the SHA-256 of the committed instance template, and fails otherwise', () => {
    const ws = stackSetWorkspace();
    const url = (hash: string) => ({ 'Fn::Sub': `https://s3.us-east-1.\${AWS::URLSuffix}/cdk-hnb659fds-assets-${STACK_SET.adminAccount}-us-east-1/${hash}.json` });
    editStackSet(ws, (props) => {
      delete props.TemplateBody;
      props.TemplateURL = url(innerHash(ws));
    });
    expect(cli(['check'], { cwd: ws.root }).status).toBe(0);
    editStackSet(ws, (props) => {
      props.TemplateURL = url('0'.repeat(64));
    });
    const result = cli(['check'], { cwd: ws.root });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`the TemplateURL of StackSet does not name the instance template`);
  });
});

describe('lockstep explain --account on a StackSet environment', () => {
  const explain = (ws: Workspace, ...extra: string[]) => cli(['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'pull_request', ...extra], { cwd: ws.root });

  test('answers for a given account of the OU: the role ARN in that account, read from the StackSet template, for any account of the OU', () => {
    const ws = stackSetWorkspace();
    const result = explain(ws, '--account', '111111111111');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('arn:aws:iam::111111111111:role/GitHubActionsOIDCRole-PythonSDK');
    expect(result.stdout).toContain('Lockstep-testing--stackset.template.json');
    expect(result.stdout).toMatch(/the answer holds for any account in that organizational unit/);
    expect(result.stdout).toContain('ALLOWED');
  });

  test('without --account, answers for the workflow account', () => {
    const result = explain(stackSetWorkspace());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`arn:aws:iam::${STACK_SET.workflowAccount}:role/GitHubActionsOIDCRole-PythonSDK`);
  });

  test('still denies what the trust denies in that account (a push from another branch)', () => {
    const result = explain(stackSetWorkspace(), '--account', '111111111111');
    expect(result.status).toBe(0);
    const denied = cli(['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'push', '--ref', 'dev', '--account', '111111111111'], { cwd: stackSetWorkspace().root });
    expect(denied.status).toBe(1);
  });

  test('refuses an account outside the StackSet\'s explicit accounts, and a malformed id, in one line', () => {
    const input = stackSetConfig();
    const config = { ...input, environments: { testing: { stackSet: { ...input.environments.testing.stackSet!, accounts: [STACK_SET.workflowAccount, '222233334444'] } } } };
    const ws = makeWorkspace({ config });
    const outside = explain(ws, '--account', '111111111111');
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('--account 111111111111 is not an account of environment "testing": its StackSet deploys only to 222233334444, 654654498014 (environments.testing.stackSet.accounts); give one of them');
    const bad = explain(stackSetWorkspace(), '--account', '12');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--account "12": expected a 12-digit AWS account id');
  });

  test('refuses --account without --repo (a trust policy file alone names no environment)', () => {
    const ws = stackSetWorkspace();
    const result = cli(['explain', '--trust-policy', ws.file('apps', 'infra', 'templates', INNER), '--sub', 'repo:honeyhiveai/python-sdk:pull_request', '--account', '111111111111'], { cwd: ws.root });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--account goes with --repo');
  });

  test('refuses --account for a single-account environment', () => {
    const result = explain(makeWorkspace(), '--account', '111111111111');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is in environment "testing", one account \(654654498014\), not a StackSet; leave out --account/);
  });
});
