// The vocabulary of a denied request's nearest miss, apart from evaluate-trust.ts and the search in
// private/nearest-miss.ts, so that neither imports the other.

/**
 * Why an implicitly denied request missed the nearest Allow statement:
 * `case-differs` (equal ignoring case), `environment-vs-ref` (job has / lacks an environment),
 * `legacy-vs-immutable` (`repo:o/r:` against `repo:o@1/r@2:`), `wrong-audience`, `other-branch`,
 * `other-repository`, `principal` (another OIDC provider), `missing-claim`, `other`.
 */
export type NearestMissKind =
  | 'case-differs'
  | 'environment-vs-ref'
  | 'legacy-vs-immutable'
  | 'wrong-audience'
  | 'other-branch'
  | 'other-repository'
  | 'principal'
  | 'missing-claim'
  | 'other';

/** The part of the nearest Allow statement that rejected the request, and how to fix it. */
export interface NearestMiss {
  readonly kind: NearestMissKind;
  readonly statement: { readonly index: number; readonly sid?: string };
  /** The failing condition's operator, when a condition failed. */
  readonly operator?: string;
  /** The failing condition's key, when a condition failed. */
  readonly key?: string;
  /** What the policy expects: the condition's values, or the trusted provider ARNs. */
  readonly expected: readonly string[];
  /** What the request carried, when it carried anything. */
  readonly actual?: string | readonly string[];
  /** What failed, in plain English. */
  readonly message: string;
  /** What to change, on the policy side or the workflow side. */
  readonly fix: string;
}
