import { wildcardResources, type SamTestingStatement } from '@lockstep/model';
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** A cdk-nag finding acknowledged on a construct, with the reason a reviewer reads. */
export interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
}

/**
 * Acknowledges cdk-nag findings on `scope` (`Validations.acknowledge`), without the stack trace CDK
 * records with each acknowledgement.
 *
 * aws-cdk-lib 2.276's `Validations.recordAcknowledgment` always captures and renders a stack trace into
 * the construct's metadata (core/lib/validation/validations.js; no context key turns it off, unlike
 * `aws:cdk:disable-stack-trace` for annotations). Nothing reads it: the templates carry no metadata and the
 * validation report names the construct path. Rendering a trace maps every frame through the source maps
 * tsx and jest install, which made acknowledging a role's wildcards its most expensive step; with no
 * frames to capture the trace is one line.
 */
export function acknowledge(scope: IConstruct, acknowledgements: readonly Acknowledgement[]): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    Validations.of(scope).acknowledge(...acknowledgements);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Acknowledges AwsSolutions-IAM5 for each wildcard resource of `statements`, with the statement's reason for it. */
export function acknowledgeWildcards(scope: IConstruct, statements: readonly SamTestingStatement[]): void {
  acknowledge(scope, wildcardResources(statements).map(({ arn, reason }) => ({ id: `AwsSolutions-IAM5[Resource::${arn}]`, reason })));
}
