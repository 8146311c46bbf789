/** A checker the tests run; see checkers.cjs. */
export interface Checker {
  readonly command: string;
  readonly version: readonly string[];
  readonly install: string;
  readonly purpose: string;
}
export type CheckerName = 'shellcheck' | 'docutils' | 'cfn-lint';
export declare const CHECKERS: Readonly<Record<CheckerName, Checker>>;
export declare function locate(name: CheckerName): string | undefined;
export declare function detect(name: CheckerName): { path: string; version: string } | undefined;
export declare function required(): boolean;
export declare function skipLine(name: CheckerName): string;
export declare function fingerprint(): string;
