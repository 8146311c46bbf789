import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { infraStacks, type ResolvedConfig } from '@lockstep/model';
import { createInfraApp } from './infra-app';
import type { StackSetStack } from './stack-set-stack';

/** One synthesized stack. */
export interface SynthesizedStack {
  /** The CloudFormation stack name, e.g. `Lockstep-testing` or `Lockstep-testing--07`. */
  readonly stackName: string;
  /** The configured environment it belongs to. */
  readonly environment: string;
  readonly account: string;
  readonly region: string;
  /** The CloudFormation template, as `cdk synth` writes it. */
  readonly template: Record<string, unknown>;
  /**
   * For the stack of a StackSet environment: the name (`Lockstep-<env>--stackset`) and template of every
   * stack instance, also inline in `template`'s StackSet resource, committed beside it for review and `lockstep check`.
   */
  readonly stackSet?: { readonly name: string; readonly template: Record<string, unknown> };
}

/** The result of {@link synthesizeInfra}. */
export interface InfraSynthesis {
  /** One per planned stack (`infraStacks`), in the plan's order. */
  readonly stacks: readonly SynthesizedStack[];
}

/** Options of {@link synthesizeInfra}. */
export interface SynthesizeInfraOptions {
  /**
   * Run cdk-nag (see `InfraAppOptions.nag`).
   * @default true
   */
  readonly nag?: boolean;
  /**
   * Only these stacks, by name.
   * @default every planned stack
   */
  readonly only?: ReadonlySet<string>;
}

/**
 * Synthesizes the CDK app in this process and returns every stack's template — what `cdk synth` would
 * write, without a CLI subprocess. The cloud assembly goes to a temporary directory that is removed
 * afterwards.
 * @throws when a construct refuses the config, or cdk-nag reports an unacknowledged finding
 */
export function synthesizeInfra(config: ResolvedConfig, options: SynthesizeInfraOptions = {}): InfraSynthesis {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-infra-'));
  try {
    const app = createInfraApp(config, { outdir, nag: options.nag, only: options.only });
    const assembly = app.synth();
    return {
      stacks: infraStacks(config)
        .filter((planned) => options.only === undefined || options.only.has(planned.stackName))
        .map(({ stackName, environment, stackSetTemplate }) => {
          const template = assembly.getStackByName(stackName).template as Record<string, unknown>;
          const admin = environment.stackSet?.administration;
          return {
            stackName,
            environment: environment.name,
            account: admin?.account ?? environment.account,
            region: admin?.region ?? environment.region,
            template,
            ...(stackSetTemplate !== undefined ? { stackSet: { name: stackSetTemplate, template: (app.node.findChild(stackName) as StackSetStack).instanceTemplate } } : {}),
          };
        }),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
