// The pin table lives in the model so that the CLI (`lockstep migrate`) writes the same pins the generator does.
export { ACTION_PINS, pinnedUses, SAM_CLI_VERSION, type ActionPin } from '@lockstep/model';
