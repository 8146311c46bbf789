import * as fs from 'node:fs';
import * as path from 'node:path';
import { staticCredentialFindings, staticCredentials } from '../src/static-credentials';
import { parseWorkflow } from '../src/workflow-file';

// The input names are those of aws-actions/configure-aws-credentials' action.yml
// (aws-access-key-id, aws-secret-access-key, aws-session-token; see packages/projen/test/support/action-inputs.ts);
// the env names and `aws configure set` keys are the AWS CLI's documented credential settings
// (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html, …/cli-configure-files.html).
const LEGACY = path.join(__dirname, 'fixtures', 'legacy');
const read = (name: string) => parseWorkflow(fs.readFileSync(path.join(LEGACY, name), 'utf8'), name, name);
const forms = (name: string) => staticCredentials(read(name)).map((c) => `${c.job}:${c.level}:${c.form}:${c.key}`);

describe('staticCredentials', () => {
  it('finds the key inputs of configure-aws-credentials, and not the other job', () => {
    expect(forms('deploy-push.yml')).toEqual(['deploy:step:action-input:aws-access-key-id', 'deploy:step:action-input:aws-secret-access-key']);
  });

  it('finds AWS_* env set from secrets on a step', () => {
    expect(forms('environment-deploy.yml')).toEqual(['release:step:env:AWS_ACCESS_KEY_ID', 'release:step:env:AWS_SECRET_ACCESS_KEY']);
  });

  it('finds `aws configure set aws_access_key_id` in a script', () => {
    expect(forms('configure-set.yml')).toEqual(['nightly:step:aws-configure-set:aws_access_key_id']);
  });

  it('counts workflow-level AWS_* env for every job with steps', () => {
    expect(forms('workflow-env.yml')).toEqual(['sync:workflow:env:AWS_ACCESS_KEY_ID', 'sync:workflow:env:AWS_SECRET_ACCESS_KEY']);
  });

  it('reports a reusable-workflow call passing key secrets as work by hand', () => {
    const found = staticCredentials(read('reusable-caller.yml'));
    expect(found.map((c) => c.form)).toEqual(['reusable-workflow-secret', 'reusable-workflow-secret']);
    expect(found[0].manual).toMatch(/migrate the called workflow/);
  });

  it('finds job-level env, a literal access key id, session tokens, exports to $GITHUB_ENV and key inputs of other actions', () => {
    const w = parseWorkflow(
      [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-24.04',
        '    env:',
        '      AWS_SESSION_TOKEN: ${{ secrets.TOKEN }}',
        '      AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE',
        '    steps:',
        '      - run: echo "AWS_SECRET_ACCESS_KEY=${{ secrets.KEY }}" >> "$GITHUB_ENV"',
        '      - uses: ./.github/actions/deploy',
        '        with:',
        '          aws-secret-access-key: ${{ secrets.DEPLOY_KEY }}',
        '',
      ].join('\n'),
      'w.yml',
      'w.yml',
    );
    expect(staticCredentials(w).map((c) => `${c.form}:${c.key}:${c.manual === undefined ? 'auto' : 'manual'}`)).toEqual([
      'env:AWS_ACCESS_KEY_ID:auto',
      'env:AWS_SESSION_TOKEN:auto',
      'run-export:AWS_SECRET_ACCESS_KEY:manual',
      'other-action-input:aws-secret-access-key:manual',
    ]);
  });

  it('ignores OIDC, env that holds no key, and non-secret values', () => {
    const w = parseWorkflow(
      [
        'on: push',
        'env:',
        '  AWS_REGION: us-west-2',
        '  AWS_ACCESS_KEY_ID: ""',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-24.04',
        '    permissions: { id-token: write, contents: read }',
        '    steps:',
        '      - uses: aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c',
        '        with: { role-to-assume: "arn:aws:iam::654654498014:role/R", aws-region: us-west-2 }',
        '      - run: aws configure set region us-west-2',
        '',
      ].join('\n'),
      'w.yml',
      'w.yml',
    );
    expect(staticCredentials(w)).toEqual([]);
  });
});

describe('staticCredentialFindings', () => {
  it('is one error per place, naming its keys, with the OIDC fix', () => {
    const findings = staticCredentialFindings(read('deploy-push.yml'), 'deploy-push.yml');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/aws-access-key-id, aws-secret-access-key/);
    for (const f of findings) {
      expect(f).toMatchObject({ severity: 'error', code: 'static-aws-keys', job: 'deploy', line: 14 });
      expect(f.fix).toMatch(/id-token: write, contents: read.*role-to-assume.*delete the secrets/);
    }
  });

  it('reports workflow-level env once, naming the jobs that inherit it', () => {
    const findings = staticCredentialFindings(read('workflow-env.yml'), 'workflow-env.yml');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/workflow-level env sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.*"sync"/);
  });
});
