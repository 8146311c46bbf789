import { createInfraApp } from './infra-app';
import { loadLockstepConfig } from './load-lockstep-config';

// `npx cdk synth` / `cdk deploy` (cdk.json: `npx tsx … src/main.ts`): the same app that `npx projen`
// synthesizes in process, plus CloudFormation's own template validation, which is worth its seconds here.
createInfraApp(loadLockstepConfig(), { cloudFormationValidation: true }).synth();
