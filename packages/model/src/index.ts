// The public surface of @lockstep/model, room by room, bottom to top: each room imports only the rooms
// before it (iam → github → config → plan), and test/architecture.test.ts keeps it so.

// iam/: policy documents, their size, partitions and ARNs. Nothing about GitHub.
export * from './iam/partition';
export * from './iam/arn';
export * from './iam/policy-document';
export * from './iam/policy-size';

// github/: the OIDC token's claims, the subjects a job presents, trust policies for them, their
// evaluation and audit.
export * from './github/github-oidc';
export * from './github/job-workflow-ref';
export * from './github/oidc-provider';
export * from './github/subject-prefix';
export * from './github/subject-rules';
export * from './github/subjects';
export * from './github/triggers';
export * from './github/trust-policy';
export * from './github/subject-pattern';
export * from './github/subject-context';
export * from './github/evaluate-trust';
export * from './github/nearest-miss';
export * from './github/audit-trust';
export * from './github/workflow-job-subjects';
export * from './github/dispatch-guard';
export * from './github/run-subject';
export * from './github/action-pins';

import { loadConfigSchema } from './config/lazy-config-schema';

// config/: what a person writes, resolving it, and the naming conventions resolve applies.
export * from './config/config';
export * from './config/config-issue';
export * from './config/config-error';
export * from './config/resolve';
export * from './config/resolved-config';
export * from './config/logical-id';
export * from './config/stack-names';
export * from './config/role-stacks';
export * from './config/lambda-runtime';
export * from './config/artifact-bucket';
export * from './config/sam-testing-names';

// plan/: what follows from a resolved config: the stacks' roles, the exported trust policies, where
// every generated file goes.
export * from './plan/stack-roles';
export * from './plan/infra-stacks';
export * from './plan/exported-trust-policies';
export * from './plan/empty-regeneration';
export * from './plan/artifact-layout';
export * from './plan/sam-testing-profile';
export * from './plan/test-stack-sweeper-profile';
export * from './plan/preflight-template';

// The config schema, a getter on `module.exports` (not `exports`, which a transpiler may replace) so that it
// stays lazy under tsc, swc and esbuild alike (see config/lazy-config-schema.ts).
/** The structure of a {@link LockstepConfig}: object shapes, types and choices (see `resolve()` for the rest). */
export declare const lockstepConfigSchema: typeof import('./config/config-schema').lockstepConfigSchema;
Object.defineProperty(module.exports, 'lockstepConfigSchema', { enumerable: true, get: loadConfigSchema });
