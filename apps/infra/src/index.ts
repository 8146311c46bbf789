export * from './environment-stack';
export * from './role-stack';
export * from './infra-app';
export * from './synthesize-infra';
export * from './load-lockstep-config';
export * from './stack-set-stack';
export * from './stack-set-template';
