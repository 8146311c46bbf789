export * from './github-oidc-provider';
export * from './github-actions-role';
export * from './sam-artifact-bucket';
export * from './sam-lambda-testing';
export * from './test-stack-sweeper';
