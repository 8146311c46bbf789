// The same checks on this repository's own generated files, for whatever lockstep.config.ts says now (the
// seed, or after onboarding a repository or switching to Option A and running `npx projen`): every
// expectation comes from resolving that file, none from the seed's names.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { LONG, REPO_ROOT, removeTemps, repositoryConfig, runAll, tempDir, type CliResult } from './support/workspace';

const config = repositoryConfig();

/** The repository whose generated workflow is explained and edited: the first with lambda tests, one that runs on pull requests if any. */
const sample = config.repos.find((r) => r.lambdaTests?.triggers.pullRequest) ?? config.repos.find((r) => r.lambdaTests);
const describeIfGenerated = sample ? describe : describe.skip;
const workflow = sample && path.join(REPO_ROOT, 'apps', 'repos', sample.name, '.github', 'workflows', 'lambda-tests.yml');

/** The roles managed elsewhere, whose trust policies `npx projen` exports to apps/infra/trust-policies. */
const exported = config.roles.filter((r) => r.managedBy !== 'lockstep');

/** A branch and a GitHub environment that no role of the config trusts. */
const UNTRUSTED = 'lockstep-untrusted';

/** An edited copy of the real generated workflow, as a target repository might hold it; throws unless the edit changed it. */
function copy(change: (text: string) => string): string {
  const text = fs.readFileSync(workflow!, 'utf8');
  const edited = change(text);
  if (edited === text) throw new Error(`the edit left ${workflow} unchanged`);
  const file = path.join(tempDir('lockstep-real-'), 'lambda-tests.yml');
  fs.writeFileSync(file, edited);
  return file;
}

/** `text` with a push to an untrusted branch added to its triggers, whatever they are now. */
function pushFromUntrustedBranch(text: string): string {
  const doc = parseDocument(text);
  const push = doc.getIn(['on', 'push']);
  const branches = isMap(push) ? push.get('branches') : undefined;
  if (isSeq(branches)) branches.add(UNTRUSTED);
  else if (isMap(push)) push.set('branches', doc.createNode([UNTRUSTED]));
  else doc.setIn(['on', 'push'], doc.createNode({ branches: [UNTRUSTED] }));
  return doc.toString({ lineWidth: 0 });
}

/** `text` with the job running in an untrusted GitHub environment. */
function inUntrustedEnvironment(text: string): string {
  const doc = parseDocument(text);
  doc.setIn(['jobs', 'lambda-tests', 'environment'], UNTRUSTED);
  return doc.toString({ lineWidth: 0 });
}

let results: Record<string, CliResult>;
beforeAll(async () => {
  const cases: Record<string, readonly string[]> = { check: ['check'] };
  for (const role of exported) cases[`audit ${role.name}`] = ['audit', `apps/infra/trust-policies/${role.name}.json`, '--json'];
  if (sample?.lambdaTests!.triggers.pullRequest) cases.explain = ['explain', '--repo', sample.fullName, '--event', 'pull_request', '--json'];
  // Not yet generated (lockstep.config.ts changed, `npx projen` not run): `check` says so; the edit tests fail on it.
  if (sample && fs.existsSync(workflow!)) {
    const onCopy = (file: string) => ['check', '--workflow', file, '--repo', sample.fullName];
    cases.roleArn = onCopy(copy((t) => t.replace(sample.roleArn, `${sample.roleArn}-Old`)));
    cases.branch = onCopy(copy(pushFromUntrustedBranch));
    cases.environment = onCopy(copy(inUntrustedEnvironment));
  }
  results = await runAll(cases, { cwd: REPO_ROOT });
}, LONG);
afterAll(removeTemps);

describe("this repository's generated files", () => {
  it('pass lockstep check', () => {
    expect(results.check.stderr).toBe('');
    expect(results.check.stdout).toMatch(/^✓ lockstep check passed/m);
    expect(results.check.status).toBe(0);
  });

  it('export trust policies without an audit error, whose repository-wide grants are warnings', () => {
    for (const role of exported) {
      const result = results[`audit ${role.name}`];
      expect({ role: role.name, status: result.status }).toEqual({ role: role.name, status: 0 });
      if (role.subjects.some((s) => s.value.endsWith(':*'))) {
        expect(JSON.parse(result.stdout).findings).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'repo-wide-sub' }));
      }
    }
  });
});

describeIfGenerated(`the generated workflow of ${sample?.fullName ?? 'no repository'}`, () => {
  (sample?.lambdaTests!.triggers.pullRequest ? it : it.skip)('allows a pull_request run to assume its role, with a subject its job presents', () => {
    const explanation = JSON.parse(results.explain.stdout);
    expect(explanation).toMatchObject({ decision: 'allow', roleArn: sample!.roleArn });
    expect(sample!.lambdaTests!.subjects).toContain(explanation.sub);
  });

  it.each(['roleArn', 'branch', 'environment'])('fails lockstep check once a copy is edited: %s', (name) => {
    expect({ workflow, generated: fs.existsSync(workflow!) }).toEqual({ workflow, generated: true });
    const r = results[name];
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/lambda-tests\.yml:\d+: error: job "lambda-tests": .*\n {4}fix: /);
  });
});
