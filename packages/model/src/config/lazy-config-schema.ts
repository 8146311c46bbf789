/**
 * The config schema, loaded on first use. Why: the schema loads zod, which a program that only evaluates or
 * audits trust policies (`lockstep audit`, `explain --trust-policy`) never needs; bench/results.md has the cost.
 * The one place that loads it: `resolve()` and the package's `lockstepConfigSchema` export both call this.
 */
export function loadConfigSchema(): typeof import('./config-schema').lockstepConfigSchema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./config-schema') as typeof import('./config-schema')).lockstepConfigSchema;
}
