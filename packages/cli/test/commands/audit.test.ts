import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CliResult, expectOneLineError, REPO_ROOT, runCasesOnce, SEED_TERRAFORM_POLICY, tempDir } from '../support/workspace';

const OWNER_WIDE = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:honeyhiveai/*' },
      },
    },
  ],
};

/** A provider ARN as CDK writes it for a provider imported by name: the partition and account as Refs. */
const PROVIDER_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':oidc-provider/token.actions.githubusercontent.com']] };
const trust = (statement: object) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });

/**
 * A synthesized template, written by hand: a GitHub role whose principal is a Fn::Join of pseudo parameters
 * (no literal ARN in the template gives the account), a GitHub role without a RoleName trusting a provider
 * the stack creates, and two service roles.
 */
const TEMPLATE = {
  Description: 'GitHub OIDC roles of acme/app',
  Resources: {
    GitHubProvider: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] } },
    DeployRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: 'acme-app-deploy',
        AssumeRolePolicyDocument: trust({ Principal: { Federated: PROVIDER_ARN }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app*' } } }),
      },
    },
    ReadRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: trust({
          Principal: { Federated: { Ref: 'GitHubProvider' } },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } },
        }),
      },
    },
    CfnExecutionRole: {
      Type: 'AWS::IAM::Role',
      Properties: { RoleName: 'acme-app-cfn-exec', AssumeRolePolicyDocument: trust({ Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    },
    FunctionRole: {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: trust({ Principal: { Service: { 'Fn::Join': ['', ['lambda.', { Ref: 'AWS::URLSuffix' }]] } }, Action: 'sts:AssumeRole' }) },
    },
    Bucket: { Type: 'AWS::S3::Bucket' },
  },
};

/** A GitHub role whose subject comes from a parameter without a default: known only at deploy time. */
const DEPLOY_TIME_TEMPLATE = {
  Parameters: { Org: { Type: 'String' } },
  Resources: {
    ParamRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: 'acme-param',
        AssumeRolePolicyDocument: trust({
          Principal: { Federated: PROVIDER_ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': { 'Fn::Sub': 'repo:${Org}/app:ref:refs/heads/main' } } },
        }),
      },
    },
  },
};

/** This repository's committed templates and exported trust policies, whatever lockstep.config.ts generates now. */
const committed = ['templates', 'trust-policies'].flatMap((dir) => {
  const full = path.join(REPO_ROOT, 'apps', 'infra', dir);
  return fs.existsSync(full) ? fs.readdirSync(full).filter((f) => f.endsWith('.json')).sort().map((f) => `apps/infra/${dir}/${f}`) : [];
});
const committedTemplates = committed.filter((f) => f.startsWith('apps/infra/templates/'));

interface JsonReport {
  findings: { severity: string; code: string; message: string; file: string; role?: string; logicalId?: string }[];
  audited: { file: string; role?: string; logicalId?: string }[];
  skipped: { file: string; role?: string; logicalId: string; reason: string }[];
}
const json = (r: CliResult) => JSON.parse(r.stdout) as JsonReport;

// Every case starts at once (each is a process); the tests then read their results.
const dir = tempDir();
const file = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
};
const cases = {
  seed: ['audit', file('seed.json', JSON.stringify(SEED_TERRAFORM_POLICY))],
  seedJson: ['audit', 'seed.json', '--json'],
  ownerWide: ['audit', file('owner-wide.json', JSON.stringify(OWNER_WIDE))],
  ownerWideJson: ['audit', '--json', 'owner-wide.json'],
  getRole: ['audit', file('get-role.json', JSON.stringify({ Role: { RoleName: 'R', Arn: 'arn:aws:iam::654654498014:role/R', AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(OWNER_WIDE)) } })), '--json'],
  encoded: ['audit', file('encoded.txt', encodeURIComponent(JSON.stringify(SEED_TERRAFORM_POLICY))), '--json'],
  quota: ['audit', 'seed.json', '--quota', '100', '--json'],
  missing: ['audit', 'nope.json'],
  directory: ['audit', '.'],
  notJson: ['audit', file('not-json.json', '{"Version": "2012-10-17", Statement: [')],
  notPolicy: ['audit', file('not-policy.json', '{"Hello": "world"}')],
  noFile: ['audit'],
  twoFiles: ['audit', 'seed.json', 'owner-wide.json'],
  twoFilesJson: ['audit', 'seed.json', 'owner-wide.json', '--json'],
  sameFileTwice: ['audit', 'seed.json', './seed.json'],
  badFiles: ['audit', 'seed.json', 'nope.json', 'not-json.json'],
  template: ['audit', file('app.template.json', JSON.stringify(TEMPLATE, null, 1))],
  templateJson: ['audit', 'app.template.json', '--json'],
  templateAndPolicy: ['audit', 'app.template.json', 'seed.json', '--json'],
  deployTime: ['audit', file('deploy-time.template.json', JSON.stringify(DEPLOY_TIME_TEMPLATE)), '--json'],
  noRoles: ['audit', file('bucket.template.json', JSON.stringify({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } }))],
  badResources: ['audit', file('bad-resources.json', '{"Resources": []}')],
  committed: [['audit', ...committed, '--json'], REPO_ROOT],
  unknownFlag: ['audit', 'seed.json', '--verbose'],
  missingQuota: ['audit', 'seed.json', '--quota'],
  badQuota: ['audit', 'seed.json', '--quota', 'lots'],
} satisfies Record<string, string[] | [string[], string]>;
const results = runCasesOnce(cases, { cwd: dir });

describe('lockstep audit', () => {
  it('warns about the seed\'s repository-wide Terraform grant and exits 0', () => {
    const r = results.seed;
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^seed\.json: 0 errors, 2 warnings/);
    expect(r.stdout).toMatch(/warning .*"repo:honeyhiveai\/deployments:\*" admits any branch.*\[repo-wide-sub\]/);
    expect(r.stdout).toMatch(/\[missing-aud\]/);
  });

  it('prints the findings as JSON with severity, code and message', () => {
    const r = results.seedJson;
    expect(r.status).toBe(0);
    const { findings } = JSON.parse(r.stdout) as { findings: { severity: string; code: string; message: string }[] };
    expect(findings.map((f) => [f.severity, f.code])).toEqual([['warning', 'missing-aud'], ['warning', 'repo-wide-sub']]);
    expect(findings.every((f) => typeof f.message === 'string' && f.message.length > 0)).toBe(true);
  });

  it('fails with exit 1 on an owner-wide wildcard', () => {
    expect(results.ownerWide.status).toBe(1);
    expect(results.ownerWide.stdout).toMatch(/error +statement 0: "repo:honeyhiveai\/\*" admits every repository of "honeyhiveai".*\[owner-wide-sub\]/);
    expect(results.ownerWideJson.status).toBe(1);
    expect(JSON.parse(results.ownerWideJson.stdout).findings[0]).toMatchObject({ severity: 'error', code: 'owner-wide-sub' });
  });

  it('reads `aws iam get-role` output with a URL-encoded document', () => {
    expect(results.getRole.status).toBe(1);
    expect(JSON.parse(results.getRole.stdout).findings[0].code).toBe('owner-wide-sub');
  });

  it('reads a URL-encoded policy document', () => {
    expect(results.encoded.status).toBe(0);
    expect(JSON.parse(results.encoded.stdout).findings.map((f: { code: string }) => f.code)).toContain('repo-wide-sub');
  });

  it('checks the size against --quota', () => {
    expect(results.quota.status).toBe(1);
    expect(JSON.parse(results.quota.stdout).findings[0]).toMatchObject({ severity: 'error', code: 'over-quota' });
  });

  it('reports a missing file, a directory, malformed JSON and a non-policy in one line with exit 2', () => {
    expectOneLineError(results.missing, /^lockstep audit: nope\.json: no such policy file$/m);
    expectOneLineError(results.directory, /is a directory/);
    expectOneLineError(results.notJson, /^lockstep audit: not-json\.json: the input is not JSON/);
    expectOneLineError(results.notPolicy, /^lockstep audit: not-policy\.json: .*"Statement"/);
  });

  it('audits several files, each block headed by its file, and exits 1 when any has an error', () => {
    const r = results.twoFiles;
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^seed\.json: 0 errors, 2 warnings, 0 info\nwarning /m);
    expect(r.stdout).toMatch(/^owner-wide\.json: 1 error, 0 warnings, 0 info\nerror +statement 0: .*\[owner-wide-sub\]/m);
    expect(r.stdout).toMatch(/^lockstep audit: 2 trust policies in 2 files: 1 error, 2 warnings, 0 info$/m);
    expect(json(results.twoFilesJson).findings.map((f) => [f.file, f.code])).toEqual([
      ['seed.json', 'missing-aud'],
      ['seed.json', 'repo-wide-sub'],
      ['owner-wide.json', 'owner-wide-sub'],
    ]);
    expect(results.twoFilesJson.status).toBe(1);
  });

  it('audits a file named twice once', () => {
    expect(results.sameFileTwice.status).toBe(0);
    expect(results.sameFileTwice.stdout.match(/^seed\.json: /gm)).toHaveLength(1);
  });

  it('reports every unreadable file at once with exit 2, and audits none', () => {
    const r = results.badFiles;
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'lockstep audit: nope.json: no such policy file',
      expect.stringMatching(/^lockstep audit: not-json\.json: the input is not JSON/),
    ]);
  });

  it('labels the findings of a get-role file with the role', () => {
    expect(json(results.getRole).findings[0]).toMatchObject({ file: 'get-role.json', role: 'R' });
    expect(json(results.seedJson).findings[0]).toEqual(expect.objectContaining({ file: 'seed.json' }));
    expect(json(results.seedJson).findings[0]).not.toHaveProperty('role');
  });

  describe('of a whole CloudFormation template', () => {
    it('audits each role a GitHub workflow can assume, resolving Fn::Join and Ref of the partition, account and provider', () => {
      const r = results.template;
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^app\.template\.json: role acme-app-deploy \(DeployRole\): 1 error, 1 warning, 0 info\nerror +statement 0: "repo:acme\/app\*" .*\[prefix-collision\]\nwarning .*\[missing-aud\]$/m);
      expect(r.stdout).toMatch(/^app\.template\.json: role ReadRole \(name generated by CloudFormation\): no findings/m);
      expect(r.stdout).not.toMatch(/non-github|no-github/);
    });

    it('skips the roles only AWS services can assume, with a line saying whom each trusts', () => {
      const r = results.template;
      expect(r.stdout).toMatch(/^app\.template\.json: role acme-app-cfn-exec \(CfnExecutionRole\): skipped: it trusts Service "cloudformation\.amazonaws\.com", not the GitHub OIDC provider$/m);
      expect(r.stdout).toMatch(/^app\.template\.json: role FunctionRole \(name generated by CloudFormation\): skipped: it trusts Service "lambda\.<AWS::URLSuffix>"/m);
      expect(r.stdout).toMatch(/^lockstep audit: 2 trust policies in 1 file \(2 roles skipped\): 1 error, 1 warning, 0 info$/m);
    });

    it('labels each finding with the file, the role and its logical id in --json', () => {
      const report = json(results.templateJson);
      expect(results.templateJson.status).toBe(1);
      expect(report.findings.map((f) => [f.severity, f.code, f.file, f.role, f.logicalId])).toEqual([
        ['error', 'prefix-collision', 'app.template.json', 'acme-app-deploy', 'DeployRole'],
        ['warning', 'missing-aud', 'app.template.json', 'acme-app-deploy', 'DeployRole'],
      ]);
      expect(report.audited).toEqual([
        { file: 'app.template.json', role: 'acme-app-deploy', logicalId: 'DeployRole' },
        { file: 'app.template.json', role: 'ReadRole', logicalId: 'ReadRole' },
      ]);
      expect(report.skipped.map((s) => [s.role, s.logicalId])).toEqual([['acme-app-cfn-exec', 'CfnExecutionRole'], ['FunctionRole', 'FunctionRole']]);
    });

    it('audits a template among policy files', () => {
      const report = json(results.templateAndPolicy);
      expect(report.audited.map((a) => a.role ?? a.file)).toEqual(['acme-app-deploy', 'ReadRole', 'seed.json']);
      expect(report.findings.filter((f) => f.file === 'seed.json').map((f) => f.code)).toEqual(['missing-aud', 'repo-wide-sub']);
    });

    it('fails a GitHub role whose trust policy is known only at deploy time, and says how to audit the deployed one', () => {
      expect(results.deployTime.status).toBe(1);
      expect(json(results.deployTime).findings).toEqual([
        expect.objectContaining({ severity: 'error', code: 'unresolved-trust-policy', role: 'acme-param', message: expect.stringMatching(/\{"Ref": "Org"\} \(a parameter without a default\).*aws iam get-role --role-name acme-param > role\.json && npx lockstep audit role\.json/) }),
      ]);
    });

    it('says when a template has no role to audit, and exits 0', () => {
      expect(results.noRoles.status).toBe(0);
      expect(results.noRoles.stdout).toBe('bucket.template.json: the template has no AWS::IAM::Role; nothing to audit\n');
      expectOneLineError(results.badResources, /^lockstep audit: bad-resources\.json: not a CloudFormation template \(no "Resources"\)$/m);
    });
  });

  (committedTemplates.length > 0 ? it : it.skip)("passes on this repository's committed templates and trust policies: every GitHub role audited, every other role skipped", () => {
    const r = results.committed;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = json(r);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // A base stack (provider, bucket) has no role; the role stacks have them.
    let githubRoles = 0;
    for (const file of committedTemplates) {
      // The template's own say: a role is GitHub's when its trust policy names the provider.
      const { Resources } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) as { Resources: Record<string, { Type: string; Properties: { AssumeRolePolicyDocument: unknown } }> };
      const roles = Object.entries(Resources).filter(([, resource]) => resource.Type === 'AWS::IAM::Role');
      const github = roles.filter(([, resource]) => JSON.stringify(resource.Properties.AssumeRolePolicyDocument).includes('token.actions.githubusercontent.com')).map(([id]) => id);
      githubRoles += github.length;
      expect(report.audited.filter((a) => a.file === file).map((a) => a.logicalId)).toEqual(github);
      expect(report.skipped.filter((s) => s.file === file).map((s) => s.logicalId)).toEqual(roles.map(([id]) => id).filter((id) => !github.includes(id)));
    }
    expect(githubRoles).toBeGreaterThan(0);
  });

  it('prints the usage line with exit 2 for wrong arguments', () => {
    for (const [r, message] of [
      [results.noFile, /missing FILE/],
      [results.unknownFlag, /unknown option "--verbose"/],
      [results.missingQuota, /option "--quota" needs a value/],
      [results.badQuota, /--quota "lots": expected a positive whole number/],
    ] as const) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^usage: lockstep audit FILE\.\.\./m);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
