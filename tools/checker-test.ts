import { CHECKERS, locate, required, skipLine, type CheckerName } from './checkers.cjs';

const announced = new Set<CheckerName>();

/**
 * Whether the tests that need `name` run here: true when it is installed, or when CI requires every
 * checker (the tests then run and fail on the missing tool). Otherwise false, after printing one line
 * that names the checker, what is skipped and how to install it.
 */
export function hasChecker(name: CheckerName): boolean {
  if (locate(name) !== undefined || required()) return true;
  if (!announced.has(name)) {
    announced.add(name);
    // Straight to stderr: one plain line in the test output, without console.warn's stack location.
    process.stderr.write(`${skipLine(name)}\n`);
  }
  return false;
}

/** jest's `test` where `name` runs (see {@link hasChecker}), `test.skip` where it is absent. */
export function testWith(name: CheckerName): jest.It {
  return hasChecker(name) ? test : test.skip;
}

/** The checker's executable, or an error naming how to install it (CI requires every checker). */
export function checkerPath(name: CheckerName): string {
  const found = locate(name);
  if (found === undefined) throw new Error(`${name} is not installed, and LOCKSTEP_REQUIRE_CHECKERS=1 requires it: ${CHECKERS[name].install}`);
  return found;
}
