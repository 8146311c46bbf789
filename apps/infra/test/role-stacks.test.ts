import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { infraStacks, resolveOrThrow, roleResources, STACK_RESOURCE_BUDGET, type LockstepConfig } from '@lockstep/model';
import { createInfraApp, synthesizeInfra, type InfraSynthesis, type SynthesizedStack } from '../src';
import { scaleConfig } from '../../../packages/model/test/support/scale-config';

/**
 * CloudFormation's limits on one template: 500 resources, 1 MB through S3 (which `cdk deploy` uses for
 * every template over 50 KB; the bootstrap stack's bucket).
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
const TEMPLATE_BODY_IN_S3 = 1_000_000;

const resourceCount = (stack: SynthesizedStack) => Object.keys(stack.template.Resources as object).length;
const bytes = (stack: SynthesizedStack) => Buffer.byteLength(JSON.stringify(stack.template, null, 2));

/**
 * The sizes synthesized: a few hundred repositories in every run; 1,000, 3,000 and 5,000 (the issue's
 * sizes, whose plans the model's tests check on every run) with `LOCKSTEP_SCALE_TEST=1`, as CI does.
 */
const SIZES = process.env.LOCKSTEP_SCALE_TEST ? [300, 1000, 3000, 5000] : [300];

describe.each(SIZES)('%i repositories, 85 %% on their own role over 3 environments', (repos) => {
  const config = resolveOrThrow(scaleConfig(repos));
  const planned = infraStacks(config);
  let synthesized: InfraSynthesis;
  // cdk-nag on the smaller app: it checks each role alike, and the bigger one is about size.
  beforeAll(() => { synthesized = synthesizeInfra(config, { nag: repos <= 300 }); });

  test(`synthesizes every planned stack, none over ${STACK_RESOURCE_BUDGET} resources nor CloudFormation's template size`, () => {
    expect(synthesized.stacks.map((s) => s.stackName)).toEqual(planned.map((s) => s.stackName));
    for (const stack of synthesized.stacks) {
      expect(resourceCount(stack)).toBeLessThanOrEqual(STACK_RESOURCE_BUDGET);
      expect(bytes(stack)).toBeLessThan(TEMPLATE_BODY_IN_S3);
    }
  });

  test('every role stack has exactly the resources the model counted for its roles (ROLE_RESOURCES is right), and at most the bytes it estimated', () => {
    for (const stack of planned.filter((s) => s.kind === 'roles')) {
      const synthesizedStack = synthesized.stacks.find((s) => s.stackName === stack.stackName)!;
      expect(resourceCount(synthesizedStack)).toBe(stack.roles.reduce((n, r) => n + roleResources(r), 0));
      // The byte estimate is generous: never below the template as written.
      expect(bytes(synthesizedStack)).toBeLessThanOrEqual(stack.roleTemplateBytes);
    }
  });

  test('every Lockstep-managed role is created in exactly one template', () => {
    const created = synthesized.stacks.flatMap((s) => Object.values(s.template.Resources as Record<string, { Type: string; Properties: { RoleName?: string } }>)
      .filter((r) => r.Type === 'AWS::IAM::Role' && !r.Properties.RoleName?.endsWith('-CfnExec'))
      .map((r) => r.Properties.RoleName));
    expect(created.sort()).toEqual(config.roles.filter((r) => r.managedBy === 'lockstep').map((r) => r.name).sort());
  });
});

describe('deployment order', () => {
  test('the cloud assembly makes every role stack depend on its environment\'s base stack (cdk deploy --all deploys the base first)', () => {
    const config = resolveOrThrow(scaleConfig(30));
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-order-'));
    try {
      const assembly = createInfraApp(config, { outdir, nag: false }).synth();
      for (const stack of infraStacks(config)) {
        const artifact = assembly.getStackByName(stack.stackName);
        expect(artifact.dependencies.map((d) => d.id).filter((id) => !id.endsWith('.assets')).sort()).toEqual([...stack.dependsOn]);
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('stability of the templates', () => {
  const input = scaleConfig(60);
  let before: Map<string, string>;
  beforeAll(() => { before = new Map(synthesizeInfra(resolveOrThrow(input), { nag: false }).stacks.map((s) => [s.stackName, JSON.stringify(s.template)])); });
  const changedBy = (change: (config: LockstepConfig) => void) => {
    const copy = structuredClone(input);
    change(copy);
    const after = new Map(synthesizeInfra(resolveOrThrow(copy), { nag: false }).stacks.map((s) => [s.stackName, JSON.stringify(s.template)]));
    return [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name));
  };

  test('adding a repository on its own role changes the bytes of exactly one template', () => {
    expect(changedBy((c) => {
      c.roles['Svc-newcomer'] = { environment: 'beta', permissions: 'sam-lambda-testing' };
      c.repos.newcomer = { role: 'Svc-newcomer', lambdaTests: { on: { pullRequest: true }, testCommand: 'pytest' } };
    })).toHaveLength(1);
  });

  test('removing a repository and its role changes the bytes of exactly one template', () => {
    expect(changedBy((c) => {
      delete c.repos['service-00007'];
      delete c.roles['Svc-00007'];
    })).toHaveLength(1);
  });
});
