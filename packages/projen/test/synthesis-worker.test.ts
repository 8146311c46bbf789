import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { infraStacks, resolveOrThrow } from '@lockstep/model';
import { synthesizeInfra } from '@lockstep/infra';
import { cachedInfraSynthesis } from '../../../projenrc/infra-synthesis-cache';
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
  });
});
