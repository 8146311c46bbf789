/** The timeout of each step of a lambda-tests job, in minutes. */
export interface StepTimeouts {
  readonly checkout: number;
  readonly setUp: number;
  readonly samVersion: number;
  readonly install: number;
  readonly build: number;
  readonly credentials: number;
  readonly claims: number;
  readonly deploy: number;
  readonly tests: number;
  readonly delete: number;
}

/** What `sam delete` keeps of every job: it waits for the stack's deletion (polling every 30 s). */
export const DELETE_MINUTES = 10;

/**
 * Splits the job's timeout among its steps so that the steps before `sam delete` together can't run
 * longer than the job's timeout less {@link DELETE_MINUTES}: when GitHub cancels a timed-out job, no
 * clean-up is guaranteed. Set-up steps get a few fixed minutes; install, build, deploy and tests share
 * the rest, the tests taking what is left. `jobMinutes` is at least 30 (resolve() refuses less).
 * @see https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepstimeout-minutes
 */
export function stepTimeouts(jobMinutes: number, steps: { readonly setUpSteps: number; readonly install: boolean }): StepTimeouts {
  const fixed = { checkout: 2, setUp: 3, samVersion: 1, credentials: 2, claims: 1 };
  const fixedTotal = fixed.checkout + fixed.setUp * steps.setUpSteps + fixed.samVersion + fixed.credentials + fixed.claims;
  const shared = jobMinutes - DELETE_MINUTES - fixedTotal;
  const share = (fraction: number) => Math.max(2, Math.floor(shared * fraction));
  const install = steps.install ? share(0.15) : 0;
  const build = share(0.2);
  const deploy = share(0.35);
  const tests = Math.max(2, shared - install - build - deploy);
  return { ...fixed, install, build, deploy, tests, delete: DELETE_MINUTES };
}
