// The config a person writes, and resolving it.
export * from './config';
export * from './config-issue';
export * from './config-error';
export * from './resolve';
export * from './resolved-config';

// Derivations (resolve() uses them; generators and the checker may call them directly).
export * from './partition';
export * from './oidc-provider';
export * from './role-arn';
export * from './subject-prefix';
export * from './subjects';
export * from './triggers';
export * from './trust-policy';
export * from './logical-id';
export * from './stack-names';
export * from './artifact-bucket';
export * from './sam-testing-names';

// Policies: parsing, size, evaluation, audit.
export * from './github-oidc';
export * from './policy-document';
export * from './policy-size';
export * from './subject-pattern';
export * from './evaluate-trust';
export * from './audit-trust';
export * from './workflow-job-subjects';
export * from './run-subject';

// The config schema, required on first access: it loads zod (about 60 ms), which a program that only
// evaluates or audits trust policies (the checker, on every run) never needs. A getter on `module.exports`
// (not `exports`, which a transpiler may replace), so that it is lazy under tsc, swc and esbuild alike.
/** The structure of a {@link LockstepConfig}: object shapes, types and choices (see `resolve()` for the rest). */
export declare const lockstepConfigSchema: typeof import('./config-schema').lockstepConfigSchema;
Object.defineProperty(module.exports, 'lockstepConfigSchema', {
  enumerable: true,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  get: () => (require('./config-schema') as typeof import('./config-schema')).lockstepConfigSchema,
});
