import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { environmentCreatesResources, type ResolvedConfig } from '@lockstep/model';
import { createInfraApp } from './infra-app';

/** One synthesized stack. */
export interface SynthesizedStack {
  /** The CloudFormation stack name, e.g. `Lockstep-testing`. */
  readonly stackName: string;
  /** The configured environment it belongs to. */
  readonly environment: string;
  readonly account: string;
  readonly region: string;
  /** The CloudFormation template, as `cdk synth` writes it. */
  readonly template: Record<string, unknown>;
}

/** The result of {@link synthesizeInfra}. */
export interface InfraSynthesis {
  /**
   * One per configured environment that has something to create, in the model's order: an environment
   * with nothing to create has no stack (see {@link createInfraApp}).
   */
  readonly stacks: readonly SynthesizedStack[];
}

/**
 * Synthesizes the CDK app in this process and returns every stack's template — what `cdk synth` would
 * write, in about a second instead of a CLI subprocess. The cloud assembly goes to a temporary directory
 * that is removed afterwards.
 * @throws when a construct refuses the config, or cdk-nag reports an unacknowledged finding
 */
export function synthesizeInfra(config: ResolvedConfig): InfraSynthesis {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-infra-'));
  try {
    const assembly = createInfraApp(config, { outdir }).synth();
    return {
      stacks: config.environments.filter((environment) => environmentCreatesResources(config, environment)).map((environment) => ({
        stackName: environment.stackName,
        environment: environment.name,
        account: environment.account,
        region: environment.region,
        template: assembly.getStackByName(environment.stackName).template as Record<string, unknown>,
      })),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
