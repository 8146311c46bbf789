import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectOneLineError, LONG, removeTemps, runAll, SEED_TERRAFORM_POLICY, tempDir, type CliResult } from '../support/workspace';

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
  unknownFlag: ['audit', 'seed.json', '--verbose'],
  missingQuota: ['audit', 'seed.json', '--quota'],
  badQuota: ['audit', 'seed.json', '--quota', 'lots'],
} satisfies Record<string, string[]>;
let results: Record<keyof typeof cases, CliResult>;

beforeAll(async () => {
  results = await runAll(cases, { cwd: dir });
}, LONG);
afterAll(removeTemps);

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

  it('prints the usage line with exit 2 for wrong arguments', () => {
    for (const [r, message] of [
      [results.noFile, /missing FILE/],
      [results.twoFiles, /unexpected argument "owner-wide\.json"/],
      [results.unknownFlag, /unknown option "--verbose"/],
      [results.missingQuota, /option "--quota" needs a value/],
      [results.badQuota, /--quota "lots": expected a positive whole number/],
    ] as const) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^usage: lockstep audit FILE/m);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
