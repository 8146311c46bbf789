import { quote } from './quote';

const FIELD = /^(?:\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/[0-9]+)?(?:,(?:\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/[0-9]+)?)*$/;

/**
 * Why a `schedule` entry is not a 5-field POSIX cron expression as GitHub accepts it, or undefined.
 * @see https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
 */
export function cronProblem(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.every((f) => FIELD.test(f))) {
    return `${quote(cron)} is not a cron expression; expected 5 fields (minute hour day-of-month month day-of-week), e.g. "30 5 * * 1-5"`;
  }
  return undefined;
}
