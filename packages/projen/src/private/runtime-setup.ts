import type { ResolvedLambdaTests } from '@lockstep/model';
import { ACTION_PINS } from '../action-pins';
import type { ActionStep } from './workflow-model';

/**
 * The step that puts the runtime's language on PATH for `sam build` (which, without a container, only
 * finds a tool chain matching each function's `Runtime`), or undefined for `provided.al2023`, whose
 * build tools (make, cargo) are on the runner image.
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/lib/build/workflow_config.py (lines 157–270)
 */
export function runtimeSetupStep(tests: ResolvedLambdaTests, timeoutMinutes: number | string): ActionStep | undefined {
  const { language, version, id } = tests.runtime;
  const step = (name: string, uses: ActionStep['uses'], inputs: ActionStep['with']): ActionStep => ({ name: `Set up ${name} for ${id}`, uses, with: inputs, timeoutMinutes });
  switch (language) {
    case 'python':
      return step('Python', ACTION_PINS.setupPython, { pythonVersion: tests.pythonVersion });
    case 'nodejs':
      // setup-node v7 turns its npm cache on for a package.json naming npm, and then fails without a lockfile.
      return step('Node.js', ACTION_PINS.setupNode, { nodeVersion: version, packageManagerCache: false });
    case 'java':
      return step('Java', ACTION_PINS.setupJava, { distribution: 'corretto', javaVersion: version });
    case 'dotnet':
      return step('.NET', ACTION_PINS.setupDotnet, { dotnetVersion: version });
    case 'ruby':
      return step('Ruby', ACTION_PINS.setupRuby, { rubyVersion: version });
    case 'provided':
      return undefined;
  }
}
