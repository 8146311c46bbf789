import { quote, quoteList } from './quote';
import { didYouMean } from './suggest';

/** `"prod" is not a configured environment; expected one of "testing"`, with a "did you mean" when close. */
export function unknownReference(value: string, what: string, valid: Iterable<string>): string {
  const choices = [...valid];
  return `${quote(value)} is not a configured ${what}${didYouMean(value, choices)}; expected one of ${quoteList(choices)}`;
}

/** Why a number is not a whole number within [min, max], or undefined. */
export function rangeProblem(value: number, min: number, max: number, unit: string): string | undefined {
  if (Number.isInteger(value) && value >= min && value <= max) return undefined;
  return `${quote(value)} is out of range; expected a whole number of ${unit} from ${min} to ${max}`;
}
