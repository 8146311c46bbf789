export * from './environment-stack';
export * from './infra-app';
export * from './synthesize-infra';
export * from './exported-trust-policies';
export * from './load-lockstep-config';
