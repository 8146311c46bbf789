import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { infraStacks, resolveOrThrow, templateFile } from '@lockstep/model';
import { synthesizeInfra } from '@lockstep/infra';
import { cachedInfraSynthesis, WORKFLOW_ONLY_FIELDS } from '../../../projenrc/infra-synthesis-cache';
import { templateTexts, type TemplateText } from '../../../projenrc/template-text';
import { scaleConfig } from '../../model/test/support/scale-config';
import { REPO_ROOT as ROOT, repositoryConfig, seedConfig } from './support/configs';

/** Never reuses: every stack is stale. */
const NO_REUSE = { reuse: () => undefined };

describe('the synthesis worker (a child process per batch, so that aws-cdk-lib\'s token map dies with it)', () => {
  test('writes the same template bytes as the synthesis in this process', () => {
    const child = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), '--tsconfig', 'tsconfig.projen.json', 'packages/projen/test/support/synthesize-in-worker.ts', 'lockstep.config.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const config = resolveOrThrow(repositoryConfig());
    const inProcess = templateTexts(synthesizeInfra(config, { nag: false }).stacks);
    expect(inProcess.length).toBeGreaterThan(1);
    expect(JSON.parse(child.stdout) as TemplateText[]).toEqual(inProcess);
  }, 120_000);

  test('a problem of the config that the child\'s synthesis finds comes back as that problem, not as a crash', () => {
    // python-sdk's role with 40 more repositories (its trust quota raised): its execution role's policy passes IAM's limit.
    const crowded = seedConfig();
    const roleName = crowded.repos['python-sdk'].role;
    crowded.roles[roleName] = { ...crowded.roles[roleName], trustPolicyQuota: 4096 };
    for (let i = 0; i < 40; i++) crowded.repos[`repository-${i}`] = { role: roleName, lambdaTests: { testCommand: 'pytest', on: { pullRequest: true } } };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-worker-'));
    fs.writeFileSync(path.join(dir, 'crowded.config.ts'), `export default ${JSON.stringify(crowded)};\n`);
    const child = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), '--tsconfig', 'tsconfig.projen.json', 'packages/projen/test/support/synthesize-in-worker.ts', path.join(dir, 'crowded.config.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(child.status).toBe(3);
    expect(JSON.parse(child.stdout)).toEqual({
      issues: [{ path: `roles.${roleName}`, message: expect.stringMatching(/^\S+ \((inline|managed) polic(y|ies)\): \d+ characters without whitespace, over IAM's limit of (10240|6144); map fewer repositories to the role$/) }],
    });
    expect(child.stderr).not.toMatch(/\n\s+at /); // the child's error was handed back, not printed
  }, 120_000);

  test('a synthesis larger than one process\'s share goes to workers in batches; a small one stays in process', () => {
    const config = resolveOrThrow(scaleConfig(700));
    const planned = infraStacks(config);
    const apart: string[][] = [];
    const inProcess: string[][] = [];
    const texts = cachedInfraSynthesis(ROOT, config, NO_REUSE, (only) => {
      inProcess.push([...only]);
      return { stacks: [] };
    }, (only) => {
      apart.push([...only]);
      return only.map((name) => ({ name, text: `${name}\n` }));
    });
    expect(inProcess).toEqual([]);
    expect(apart.length).toBeGreaterThan(1);
    // Every stack exactly once, in batches within the share (2,400 role resources), returned in the plan's order.
    expect(apart.flat().sort()).toEqual(planned.map((s) => s.stackName).sort());
    for (const batch of apart) {
      const resources = planned.filter((s) => batch.includes(s.stackName)).reduce((sum, s) => sum + Math.max(s.roleResources, 4), 0);
      expect(resources).toBeLessThanOrEqual(2_400);
    }
    expect(texts.map((t) => t.name)).toEqual(planned.map((s) => s.stackName));

    const small = resolveOrThrow(seedConfig());
    const smallApart: string[][] = [];
    cachedInfraSynthesis(ROOT, small, NO_REUSE, (only) => ({ stacks: [...only].map((stackName) => ({ stackName, template: {} })) }), (only) => {
      smallApart.push([...only]);
      return [];
    });
    expect(smallApart).toEqual([]);

    // Every template reused: nothing is synthesized, in this process or apart.
    const fail = () => {
      throw new Error('nothing is stale: must not synthesize');
    };
    const reusedAll = cachedInfraSynthesis(ROOT, small, { reuse: (file) => `reused ${file}\n` }, fail, fail);
    expect(reusedAll.map((t) => t.text)).toEqual(infraStacks(small).map((s) => `reused ${templateFile(s.stackName)}\n`));
  });
});

describe('a stack\'s cache key', () => {
  test('leaves out only fields no template reads: changing all of them changes no template byte', () => {
    const config = repositoryConfig();
    const changed = structuredClone(config);
    let edited = 0;
    for (const repo of Object.values(changed.repos)) {
      if (repo.lambdaTests === undefined) continue;
      const t = repo.lambdaTests;
      t.testCommand = `${t.testCommand} --changed`;
      t.installCommand = 'npm ci';
      t.workingDirectory = 'elsewhere/lambda';
      t.runtime = t.runtime === 'python3.13' ? 'python3.14' : 'python3.13';
      t.timeoutMinutes = 47;
      edited++;
    }
    expect(edited).toBeGreaterThan(0);
    // Every field the key leaves out is changed above (pythonVersion follows the runtime).
    expect([...WORKFLOW_ONLY_FIELDS].sort()).toEqual(['installCommand', 'pythonVersion', 'runtime', 'testCommand', 'timeoutMinutes', 'workingDirectory']);
    const before = resolveOrThrow(config);
    const after = resolveOrThrow(changed);
    const changedFields = WORKFLOW_ONLY_FIELDS.filter((f) => before.repos.some((r, i) => r.lambdaTests !== undefined && JSON.stringify(r.lambdaTests[f]) !== JSON.stringify(after.repos[i].lambdaTests?.[f])));
    expect(changedFields).toEqual([...WORKFLOW_ONLY_FIELDS]);
    expect(templateTexts(synthesizeInfra(after, { nag: false }).stacks)).toEqual(templateTexts(synthesizeInfra(before, { nag: false }).stacks));
  }, 120_000);
});
