import type { LockstepConfig } from '../packages/model/src/config/config';
import { scaleConfig } from '../packages/model/test/support/scale-config';

/** The two test commands the edited repository alternates between: every timed edit is a real change. */
const TEST_COMMANDS = ['pytest tests/lambda', 'pytest tests/lambda -x'] as const;

/** A synthetic config of `repos` repositories and the one repository whose entry the benchmark edits. */
export interface ScaleSource {
  readonly repos: number;
  /** The repository in the middle of the config (on its own role, the common case). */
  readonly editedRepo: string;
  /**
   * The source of lockstep.config.ts in either state of the edit (0 or 1: the repository's `testCommand`,
   * which only its workflow reads), with the repository's push branches widened to `main` and `release`
   * when `widened` (its subjects, hence its role's trust policy, change: its role stack re-synthesizes).
   */
  source(state: 0 | 1, widened?: boolean): string;
}

/**
 * The config of the scale tests (packages/model/test/support/scale-config.ts: three environments, 85 % of
 * the repositories on a `sam-lambda-testing` role of their own, the rest five to a shared role), as the
 * lockstep.config.ts a person would write, in two states that differ in one repository's `testCommand`.
 */
export function scaleSource(repos: number): ScaleSource {
  const config = scaleConfig(repos);
  const names = Object.keys(config.repos);
  const editedRepo = names[Math.floor((names.length - 1) / 2)];
  return {
    repos,
    editedRepo,
    source: (state, widened = false) => {
      const edited = withTestCommand(config, editedRepo, TEST_COMMANDS[state]);
      return configSource(widened ? withPushBranches(edited, editedRepo, ['main', 'release']) : edited);
    },
  };
}

function withTestCommand(config: LockstepConfig, repo: string, testCommand: string): LockstepConfig {
  const entry = config.repos[repo];
  if (entry.lambdaTests === undefined) throw new Error(`scale config: ${repo} has no lambdaTests to edit`);
  return { ...config, repos: { ...config.repos, [repo]: { ...entry, lambdaTests: { ...entry.lambdaTests, testCommand } } } };
}

function withPushBranches(config: LockstepConfig, repo: string, branches: string[]): LockstepConfig {
  const entry = config.repos[repo];
  const on = entry.lambdaTests!.on;
  return { ...config, repos: { ...config.repos, [repo]: { ...entry, lambdaTests: { ...entry.lambdaTests!, on: { ...on, push: { branches } } } } } };
}

/** The TypeScript source of `config`: one line per role and per repository, like a hand-written config. */
function configSource(config: LockstepConfig): string {
  const lines = ["import { defineConfig } from '@lockstep/model';", '', 'export default defineConfig({'];
  for (const [key, value] of Object.entries(config)) {
    if (key === 'roles' || key === 'repos') {
      lines.push(`  ${key}: {`);
      for (const [name, entry] of Object.entries(value as Record<string, unknown>)) lines.push(`    ${JSON.stringify(name)}: ${JSON.stringify(entry)},`);
      lines.push('  },');
    } else {
      lines.push(`  ${key}: ${JSON.stringify(value)},`);
    }
  }
  lines.push('});', '');
  return lines.join('\n');
}
