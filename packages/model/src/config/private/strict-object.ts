import { z } from 'zod';
import { didYouMean } from './suggest';
import { quoteList } from './quote';

/**
 * `z.strictObject` whose unknown-key error names each key, the valid keys and the closest one.
 *
 * zod raises one issue for all unknown keys of an object; its message here has one line per key, in
 * the order of `issue.keys`, which `configIssuesFromZod` splits into one issue per key.
 */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const valid = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      return issue.keys
        .map((key) => `unknown key ${JSON.stringify(key)}${didYouMean(key, valid)}; expected one of ${quoteList(valid)}`)
        .join('\n');
    },
  });
}
