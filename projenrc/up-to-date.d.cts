/** True when every generated file is what a regeneration would write now (see up-to-date.cjs). */
export function isUpToDate(root: string): boolean;
/** Records a complete regeneration: the hash of its inputs, and the hash and mode of every generated file. */
export function recordRegeneration(root: string, generated: readonly string[], loaded: readonly string[]): void;
/** Forgets the last regeneration, before a new one starts. */
export function forgetRegeneration(root: string): void;
