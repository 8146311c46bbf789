import type { z } from 'zod';
import type { ConfigIssue } from '../config-issue';
import { configPath } from './config-path';
import { quote, quoteList } from './quote';
import { didYouMean } from './suggest';
import { valueAt } from './value-at';

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

/**
 * zod's structure errors, reworded for a person: the path as written, the value quoted, what was expected.
 * @param input the config as given, to quote the offending values
 */
export function configIssuesFromZod(error: z.core.$ZodError, input: unknown): ConfigIssue[] {
  return error.issues.flatMap((issue) => fromIssue(issue, [], input));
}

function fromIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[], input: unknown): ConfigIssue[] {
  const path = [...prefix, ...issue.path];
  const value = valueAt(input, path);
  const at = (message: string, p: readonly PropertyKey[] = path): ConfigIssue => ({ path: configPath(...p), message });
  switch (issue.code) {
    case 'unrecognized_keys':
      // One line per key, in the order of issue.keys (see strictObject).
      return issue.message.split('\n').map((line, i) => at(line, [...path, issue.keys[i]]));
    case 'invalid_union': {
      // Report the branch that has the value's type: its errors say what is wrong inside.
      const branch = issue.errors.find((errors) => !errors.some((e) => e.path.length === 0 && e.code === 'invalid_type'));
      if (branch !== undefined && branch.length > 0) return branch.flatMap((e) => fromIssue(e, path, input));
      return [at(`${quote(value)} is not valid; ${issue.message}`)];
    }
    case 'invalid_type':
      if (issue.expected === 'never') return [at(issue.message)];
      if (value === undefined) return [at(`missing; expected ${EXPECTED[issue.expected] ?? issue.expected}`)];
      return [at(`${quote(value)} is ${describeType(value)}; expected ${EXPECTED[issue.expected] ?? issue.expected}${asStringHint(value, issue.expected)}`)];
    case 'invalid_value': {
      const choices = issue.values.map(String);
      return [at(`${quote(value)} is not a valid choice${didYouMean(String(value), choices)}; expected one of ${quoteList(choices)}`)];
    }
    default:
      return [at(issue.message)];
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'a fractional number';
  return `a ${typeof value}`;
}

// Ids written as numbers lose leading zeros and precision: say how to write them.
function asStringHint(value: unknown, expected: string): string {
  return expected === 'string' && typeof value === 'number' ? `; write it in quotes: "${value}"` : '';
}
