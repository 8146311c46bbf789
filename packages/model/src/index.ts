// The config a person writes, and resolving it.
export * from './config';
export * from './config-schema';
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
