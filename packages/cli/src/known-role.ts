import type { PolicyDocument, ResolvedRole } from '@lockstep/model';

/** Where a role's trust policy was read from. */
export type RoleOrigin = 'template' | 'exported' | 'live';

/** A role whose trust policy the checker can evaluate. */
export interface KnownRole {
  readonly name: string;
  /** IAM path; undefined when the source doesn't say (an exported policy of a role not in the config). */
  readonly path?: string;
  readonly account?: string;
  readonly partition?: string;
  /** The role's ARN, when path, account and partition are all known. */
  readonly arn?: string;
  /** The trust policy; undefined when it could not be resolved (see `unresolved`). */
  readonly trustPolicy?: PolicyDocument;
  /** Why the trust policy could not be read as a deployed document, e.g. an intrinsic known only at deploy time. */
  readonly unresolved?: string;
  readonly origin: RoleOrigin;
  /** The file it was read from, as shown to the user. */
  readonly source: string;
  /** The trust policy size quota of the role's account. */
  readonly quota: number;
  /** The role's config entry, when the config has it. */
  readonly configured?: ResolvedRole;
}
