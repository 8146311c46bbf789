import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { configVariants, resolveConfig, synthRepoFiles } from './support/configs';

const WORKFLOW = 'apps/repos/python-sdk/.github/workflows/lambda-tests.yml';
const CLAIMS_STEP = 'Show the claims AWS compared';

const base64url = (value: string) => Buffer.from(value).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** A token shaped like GitHub's (header.payload.signature), with claims the step must and must not print. */
function sampleToken(claims: Record<string, unknown>): string {
  return [base64url(JSON.stringify({ alg: 'RS256', kid: 'sample-key-id', typ: 'JWT' })), base64url(JSON.stringify(claims)), base64url('s1gnature-that-must-never-be-printed')].join('.');
}

/**
 * Serves the job's token the way GitHub's token service does for the Actions toolkit: GET
 * `$ACTIONS_ID_TOKEN_REQUEST_URL&audience=…` with `Authorization: bearer <request token>`, answering
 * `{ "value": "<jwt>" }`; anything else is refused.
 * @see https://github.com/actions/toolkit/blob/4b9afa4c890de9d1a84c75bb617ee4d96207823a/packages/core/src/oidc-utils.ts (lines 28–83)
 */
async function tokenService(token: string, requestToken: string): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '', 'http://localhost');
    if (req.headers.authorization?.toLowerCase() !== `bearer ${requestToken}` || url.searchParams.get('audience') === null) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count: 1, value: token }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/_apis/token?api-version=2.0`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs a script with bash as the job's shell does, asynchronously (the token service answers meanwhile). */
function runBash(script: string, env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-claims-'));
  const file = path.join(dir, 'step.sh');
  fs.writeFileSync(file, script);
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], { env: { PATH: process.env.PATH, ...env } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ status, output });
    });
  });
}

const claimsScriptOf = (variantName: string) => {
  const variant = configVariants().find((v) => v.name.startsWith(variantName))!;
  const text = synthRepoFiles(resolveConfig(variant.config))[WORKFLOW].text;
  const steps = (parse(text) as { jobs: { 'lambda-tests': { steps: { name: string; run?: string }[] } } }).jobs['lambda-tests'].steps;
  return steps.find((s) => s.name === CLAIMS_STEP)!.run!;
};

describe('the claims step, run on a sample token', () => {
  const requestToken = 'ghs_request-token-that-must-never-be-printed';
  const claims = {
    // The sub is long enough that its base64url needs padding restored (length not a multiple of 4).
    sub: 'repo:honeyhiveai/python-sdk:environment:prod%3Ablue',
    aud: 'sts.amazonaws.com',
    ref: 'refs/heads/feature/odd name',
    environment: 'prod:blue',
    job_workflow_ref: 'honeyhiveai/python-sdk/.github/workflows/lambda-tests.yml@refs/heads/feature/odd name',
    repository_id: '812385991',
    repository: 'honeyhiveai/python-sdk',
    actor: 'someone-private',
    run_id: '123456',
    iss: 'https://token.actions.githubusercontent.com',
  };

  test('prints only the six claims and the lockstep explain commands, never the token or the request token', async () => {
    const token = sampleToken(claims);
    const service = await tokenService(token, requestToken);
    try {
      const { status, output } = await runBash(claimsScriptOf('the default config'), {
        ACTIONS_ID_TOKEN_REQUEST_URL: service.url,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
        GITHUB_EVENT_NAME: 'push',
      });
      expect({ status, output }).toMatchObject({ status: 0 });
      expect(service.requests).toEqual(['/_apis/token?api-version=2.0&audience=sts.amazonaws.com']);
      // Nothing secret: not the token, nor any of its three parts, nor the request token.
      for (const secret of [token, ...token.split('.'), requestToken]) expect(output).not.toContain(secret);
      const printed = JSON.parse(/\{[\s\S]*?\n\}/.exec(output)![0]) as Record<string, unknown>;
      expect(printed).toEqual({
        sub: claims.sub,
        aud: claims.aud,
        ref: claims.ref,
        environment: claims.environment,
        job_workflow_ref: claims.job_workflow_ref,
        repository_id: claims.repository_id,
      });
      for (const hidden of ['someone-private', '123456']) expect(output).not.toContain(hidden);
      expect(output).toContain("npx lockstep explain --repo honeyhiveai/python-sdk --event push --ref refs/heads/feature/odd\\ name --environment prod:blue");
      expect(output).toContain('aws iam get-role --role-name GitHubActionsOIDCRole-PythonSDK --query Role.AssumeRolePolicyDocument --output json > trust.json');
      expect(output).toContain('npx lockstep explain --trust-policy trust.json --sub repo:honeyhiveai/python-sdk:environment:prod%3Ablue --aud sts.amazonaws.com');
    } finally {
      await service.close();
    }
  });

  test('prints the printed commands so that a shell reads them back as the same words', async () => {
    const service = await tokenService(sampleToken({ ...claims, environment: undefined, ref: "refs/heads/it's;$(echo INJECTED)" }), requestToken);
    try {
      const { output } = await runBash(claimsScriptOf('the default config'), {
        ACTIONS_ID_TOKEN_REQUEST_URL: service.url,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
        GITHUB_EVENT_NAME: 'pull_request',
      });
      const line = output.split('\n').find((l) => l.startsWith('npx lockstep explain --repo'))!;
      expect(line).not.toContain('--environment');
      // bash itself splits the printed line back into words: the ref arrives whole, nothing runs.
      const words = await runBash(`printf '%s\\n' ${line.replace(/^npx /, '')}`, {});
      expect(words.output.split('\n')).toContain("refs/heads/it's;$(echo INJECTED)");
      expect(words.output.split('\n')).not.toContain('INJECTED');
    } finally {
      await service.close();
    }
  });

  test('says what is missing when the job has no id-token permission, without failing again', async () => {
    const { status, output } = await runBash(claimsScriptOf('the default config'), { GITHUB_EVENT_NAME: 'push' });
    expect(status).toBe(0);
    expect(output).toContain('::error title=No OIDC token::');
    expect(output).toContain('id-token: write');
  });

  test('requests the audience of the AWS environment (aws-cn)', () => {
    expect(claimsScriptOf('China')).toContain('&audience=sts.amazonaws.com.cn"');
  });
});
