// `lockstep check` compares every trust policy it reads with the one lockstep.config.ts resolves (issue 12):
// each tamper of the issue's list — in the committed template, the exported Terraform policy, and a live
// policy given plain or as `aws iam get-role` output — fails the check with exit 1, naming the file, the
// role, who gets in or who breaks, and the fix for that place.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CliResult, makeWorkspace, runCasesOnce, tempDir, type Workspace } from '../support/workspace';

const SDK_ROLE = 'GitHubActionsOIDCRole-PythonSDK';
const TF_ROLE = 'GitHubActionsOIDCRoleDeployments-testing';
const TEMPLATE = 'apps/infra/templates/Lockstep-testing.template.json';
const EXPORTED = `apps/infra/trust-policies/${TF_ROLE}.json`;
const PR = '"repo:honeyhiveai/python-sdk:pull_request"';

/** The tampers of the issue's "Why" list, as edits of a policy's JSON text. */
const TAMPERS = {
  foreignOwner: (t: string) => t.replace(PR, `"repo:evilcorp/stealer:pull_request", ${PR}`),
  otherRepo: (t: string) => t.replace(PR, `"repo:honeyhiveai/deployments:ref:refs/heads/main", ${PR}`),
  // Widened: the exact subjects replaced by a repository-wide pattern under StringLike.
  widened: (t: string) => t.replace(/"StringEquals": \{/, '"StringLike": {"token.actions.githubusercontent.com:sub": "repo:honeyhiveai/python-sdk:*"}, "StringEquals": {').replace(/,\s*"token\.actions\.githubusercontent\.com:sub": \[[^\]]*\]/, ''),
  // Option A by hand: python-sdk added to the Terraform role.
  optionA: (t: string) => t.replace('"repo:honeyhiveai/deployments:*"', '"repo:honeyhiveai/deployments:*", "repo:honeyhiveai/python-sdk:*"'),
  // A declared grant narrowed to one branch: deployments' own workflows on other branches break.
  narrowed: (t: string) => t.replace('"repo:honeyhiveai/deployments:*"', '"repo:honeyhiveai/deployments:ref:refs/heads/main"'),
  exportedForeign: (t: string) => t.replace('"repo:honeyhiveai/deployments:*"', '"repo:honeyhiveai/deployments:*", "repo:evilcorp/stealer:*"'),
  // A generated grant dropped: python-sdk's pushes to main break.
  mainLost: (t: string) => t.replace(`${PR}, "repo:honeyhiveai/python-sdk:ref:refs/heads/main"`, PR),
  audience: (t: string) => t.replace('"sts.amazonaws.com"', '"sts.amazonaws.com", "https://github.com/evilcorp"'),
  principal: (t: string) => t.replace(/oidc-provider\/token\.actions\.githubusercontent\.com/, 'oidc-provider/token.actions.githubusercontent.com/evil'),
  extraCondition: (t: string) => t.replace(/"StringEquals": \{/, '"StringEquals": {"token.actions.githubusercontent.com:actor": "mallory", '),
};

function tamperedFile(file: string, change: (t: string) => string): Workspace {
  const w = makeWorkspace();
  const full = w.file(file);
  // The template is written compactly indented; normalise spacing so one edit fits every file.
  const text = JSON.stringify(JSON.parse(fs.readFileSync(full, 'utf8')), null, 1).replace(/\n\s*/g, ' ');
  const changed = change(text);
  expect(changed).not.toBe(text);
  fs.writeFileSync(full, JSON.stringify(JSON.parse(changed), null, 1));
  return w;
}

const ok = makeWorkspace();
const dir = tempDir();
/** A live policy: the config's own document for the role, tampered; plain or as `aws iam get-role` output. */
function live(name: string, role: string, change: (t: string) => string, getRole: boolean): string {
  const r = ok.config.roles.find((x) => x.name === role)!;
  const text = JSON.stringify(r.trustPolicy, null, 1).replace(/\n\s*/g, ' ');
  const changed = change(text);
  expect(changed).not.toBe(text);
  const policy = JSON.parse(changed);
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(getRole ? { Role: { RoleName: role, Arn: r.arn, AssumeRolePolicyDocument: policy } } : policy));
  return file;
}

/** A workspace whose generated python-sdk workflow was edited by hand. */
function editedWorkflow(change: (t: string) => string): Workspace {
  const w = makeWorkspace();
  w.edit(w.workflow('python-sdk'), change);
  return w;
}
const SDK_ARN = 'arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK';

const cases = {
  // python-sdk's job assumes the deployments role: the fix is its own role, not widening deployments'.
  otherRole: [['check'], editedWorkflow((t) => t.replace(SDK_ARN, `arn:aws:iam::654654498014:role/${TF_ROLE}`)).root],
  // A manual run from any branch: the fix narrows the trigger, never a StringEquals value with "*".
  anyBranch: [['check'], editedWorkflow((t) => t.replace(/ && \(github\.event_name != 'workflow_dispatch' \|\| github\.ref == 'refs\/heads\/main'\)/, '')).root],
  templateForeign: [['check'], tamperedFile(TEMPLATE, TAMPERS.foreignOwner).root],
  templateOtherRepo: [['check'], tamperedFile(TEMPLATE, TAMPERS.otherRepo).root],
  templateWidened: [['check'], tamperedFile(TEMPLATE, TAMPERS.widened).root],
  templateAudience: [['check'], tamperedFile(TEMPLATE, TAMPERS.audience).root],
  templateCondition: [['check', '--json'], tamperedFile(TEMPLATE, TAMPERS.extraCondition).root],
  exportedOptionA: [['check'], tamperedFile(EXPORTED, TAMPERS.optionA).root],
  exportedNarrowed: [['check'], tamperedFile(EXPORTED, TAMPERS.narrowed).root],
  exportedPrincipal: [['check'], tamperedFile(EXPORTED, TAMPERS.principal).root],
  exportedForeign: [['check'], tamperedFile(EXPORTED, TAMPERS.exportedForeign).root],
  templateMainLost: [['check'], tamperedFile(TEMPLATE, TAMPERS.mainLost).root],
  liveOtherRepo: [['check', '--trust-policy', `${SDK_ROLE}=${live('other-repo.json', SDK_ROLE, TAMPERS.otherRepo, false)}`], ok.root],
  liveForeign: [['check', '--trust-policy', `${SDK_ROLE}=${live('foreign.json', SDK_ROLE, TAMPERS.foreignOwner, false)}`], ok.root],
  liveForeignGetRole: [['check', '--trust-policy', `${SDK_ROLE}=${live('foreign-get-role.json', SDK_ROLE, TAMPERS.foreignOwner, true)}`], ok.root],
  liveWidened: [['check', '--trust-policy', `${SDK_ROLE}=${live('widened.json', SDK_ROLE, TAMPERS.widened, true)}`], ok.root],
  liveOptionA: [['check', '--trust-policy', `${TF_ROLE}=${live('option-a.json', TF_ROLE, TAMPERS.optionA, false)}`], ok.root],
  liveNarrowed: [['check', '--trust-policy', `${TF_ROLE}=${live('narrowed.json', TF_ROLE, TAMPERS.narrowed, true)}`], ok.root],
  liveSame: [['check', '--json', '--trust-policy', `${TF_ROLE}=${live('same.json', TF_ROLE, (t) => ` ${t}`, true)}`], ok.root],
} satisfies Record<string, [string[], string]>;
const results = runCasesOnce(cases);

const PROJEN = (file: string) => `fix: run \`npx projen\` to regenerate ${file.replace(/[.*]/g, '\\$&')} from lockstep.config.ts`;

function expectError(r: CliResult, pattern: RegExp): void {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(pattern);
  expect(r.stdout).toMatch(/^✗ lockstep check failed/m);
  // Never the config for a value that isn't in it.
  expect(r.stdout).not.toMatch(/remove it from lockstep\.config\.ts/);
}

describe('lockstep check points the fix the right way', () => {
  it('tells a job that assumes another repository\'s role to assume its own', () => {
    expectError(results.otherRole, /error: job "lambda-tests": the job's token says sub "repo:honeyhiveai\/python-sdk:pull_request".*refuses it.*\[denied-subject\]\n {4}fix: set role-to-assume to arn:aws:iam::654654498014:role\/GitHubActionsOIDCRole-PythonSDK, the role lockstep\.config\.ts maps honeyhiveai\/python-sdk to; GitHubActionsOIDCRoleDeployments-testing is for deployments/);
    expect(results.otherRole.stdout).not.toMatch(/add "repo:honeyhiveai\/python-sdk/);
  });

  it('tells a job that runs from any branch to narrow its trigger, not to trust "refs/heads/*" literally', () => {
    expectError(results.anyBranch, /sub "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/\*".*\n {4}fix: the job can run from any ref matching "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/\*" \(workflow_dispatch from \*\): restrict its trigger to the refs lockstep\.config\.ts grants/);
    expect(results.anyBranch.stdout).not.toMatch(/add "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/\*" to the trust policy/);
  });
});

describe('lockstep check compares each trust policy with the one the config resolves', () => {
  it('fails on a foreign owner in the committed template, listed first, with `npx projen` as the fix', () => {
    const r = results.templateForeign;
    expectError(r, new RegExp(`^apps/infra/templates/Lockstep-testing\\.template\\.json \\(\\w+\\): error: role ${SDK_ROLE}: the committed template's trust policy admits "repo:evilcorp/stealer:pull_request" \\(statement 0\\), which lockstep\\.config\\.ts does not grant: evilcorp/stealer belongs to another owner than honeyhiveai: whoever can run a workflow there can assume ${SDK_ROLE} \\[trust-foreign-owner\\]\\n {4}${PROJEN(TEMPLATE)}`, 'm'));
    // Foreign owner is the first finding printed.
    expect(r.stdout.split('\n')[0]).toMatch(/\[trust-foreign-owner\]$/);
  });

  it('fails on an onboarded repository the config maps to another role, saying how to map it for real', () => {
    expectError(results.templateOtherRepo, /admits "repo:honeyhiveai\/deployments:ref:refs\/heads\/main" .*lockstep\.config\.ts maps honeyhiveai\/deployments to the role GitHubActionsOIDCRoleDeployments-testing, not GitHubActionsOIDCRole-PythonSDK \[trust-other-repo\]\n {4}fix: run `npx projen`.*; to move deployments to this role, set repos\.deployments\.role to 'GitHubActionsOIDCRole-PythonSDK' in lockstep\.config\.ts/);
  });

  it('fails on a widened subject: what it widens, and the operator it moved to', () => {
    expectError(results.templateWidened, /admits "repo:honeyhiveai\/python-sdk:\*" \(statement 0\), which lockstep\.config\.ts does not grant: it widens honeyhiveai\/python-sdk's grants \("repo:honeyhiveai\/python-sdk:pull_request", "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/main"\) to every matching ref, pull request or environment \[trust-widened\]/);
  });

  it('fails on an added audience, principal or condition', () => {
    expectError(results.templateAudience, /statement 0 requires StringEquals token\.actions\.githubusercontent\.com:aud \["https:\/\/github\.com\/evilcorp","sts\.amazonaws\.com"\], but lockstep\.config\.ts writes \["sts\.amazonaws\.com"\] \[trust-audience-changed\]/);
    expectError(results.exportedPrincipal, /role GitHubActionsOIDCRoleDeployments-testing: the exported trust policy's statement 0 trusts .*token\.actions\.githubusercontent\.com\/evil.*but lockstep\.config\.ts trusts only .*\[trust-principal-changed\]/);
    const report = JSON.parse(results.templateCondition.stdout);
    expect(results.templateCondition.status).toBe(1);
    expect(report.findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'trust-condition-changed', role: SDK_ROLE, message: expect.stringMatching(/adds the condition StringEquals token\.actions\.githubusercontent\.com:actor \["mallory"\]/) }));
  });

  it('fails when the exported Terraform policy gains python-sdk (Option A by hand)', () => {
    expectError(results.exportedOptionA, new RegExp(`^${EXPORTED.replace(/\./g, '\\.')}: error: role ${TF_ROLE}: the exported trust policy admits "repo:honeyhiveai/python-sdk:\\*" .*maps honeyhiveai/python-sdk to the role ${SDK_ROLE}, not ${TF_ROLE} \\[trust-other-repo\\]\\n {4}${PROJEN(EXPORTED)}`, 'm'));
  });

  it('fails on a foreign owner in the exported Terraform policy', () => {
    expectError(results.exportedForeign, new RegExp(`^${EXPORTED.replace(/\./g, '\\.')}: error: role ${TF_ROLE}: the exported trust policy admits "repo:evilcorp/stealer:\\*" .*evilcorp/stealer belongs to another owner than honeyhiveai.*\\[trust-foreign-owner\\]\\n {4}${PROJEN(EXPORTED)}`, 'm'));
  });

  it('fails when a generated grant is dropped from the committed template, saying whose workflow breaks', () => {
    expectError(results.templateMainLost, /role GitHubActionsOIDCRole-PythonSDK: the committed template's trust policy no longer admits "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/main", which lockstep\.config\.ts grants honeyhiveai\/python-sdk \(push to main; workflow_dispatch from main\): the generated workflow of honeyhiveai\/python-sdk is denied when it presents it.*\[trust-grant-lost\]\n {4}fix: run `npx projen`/);
  });

  it('fails when a live policy admits a repository the config maps to another role', () => {
    expectError(results.liveOtherRepo, /other-repo\.json: error: role GitHubActionsOIDCRole-PythonSDK: the live trust policy admits "repo:honeyhiveai\/deployments:ref:refs\/heads\/main".*\[trust-other-repo\]\n {4}fix: deploy the CDK stack/);
  });

  it('fails when a declared grant is narrowed, saying whose workflows break', () => {
    expectError(results.exportedNarrowed, /the exported trust policy no longer admits "repo:honeyhiveai\/deployments:\*", which lockstep\.config\.ts grants honeyhiveai\/deployments \(existing Terraform workflows in deployments \(initial_setup\/iam_oidc\.tf\)\): honeyhiveai\/deployments's own workflows that present it are denied \[trust-grant-lost\]/);
  });

  it('fails on the same tampers in a live policy, plain or get-role JSON, with the deploy or terraform apply fix', () => {
    for (const r of [results.liveForeign, results.liveForeignGetRole]) {
      expectError(r, /foreign(-get-role)?\.json: error: role GitHubActionsOIDCRole-PythonSDK: the live trust policy admits "repo:evilcorp\/stealer:pull_request".*\[trust-foreign-owner\]\n {4}fix: deploy the CDK stack \(apps\/infra\) so the role gets the trust policy lockstep\.config\.ts resolves again/);
    }
    expectError(results.liveWidened, /widened\.json: error: role GitHubActionsOIDCRole-PythonSDK: the live trust policy admits "repo:honeyhiveai\/python-sdk:\*".*\[trust-widened\]\n {4}fix: deploy the CDK stack/);
    const apply = /fix: `terraform apply` the exported apps\/infra\/trust-policies\/GitHubActionsOIDCRoleDeployments-testing\.json/;
    expectError(results.liveOptionA, /option-a\.json: error: role GitHubActionsOIDCRoleDeployments-testing: the live trust policy admits "repo:honeyhiveai\/python-sdk:\*".*\[trust-other-repo\]/);
    expect(results.liveOptionA.stdout).toMatch(apply);
    expectError(results.liveNarrowed, /narrowed\.json: error: role GitHubActionsOIDCRoleDeployments-testing: the live trust policy no longer admits "repo:honeyhiveai\/deployments:\*".*\[trust-grant-lost\]/);
    expect(results.liveNarrowed.stdout).toMatch(apply);
  });

  it('passes a live policy that says the same as the config, and tells the declared repository-wide grant once, as information', () => {
    expect(results.liveSame.status).toBe(0);
    const findings = JSON.parse(results.liveSame.stdout).findings as { severity: string; code: string; message: string }[];
    expect(findings.map((f) => `${f.severity} ${f.code}`)).toEqual(['info declared-grant']);
    expect(findings[0].message).toMatch(/declares for deployments with the reason "existing Terraform workflows in deployments \(initial_setup\/iam_oidc\.tf\)"/);
  });
});
