// @cloud-copilot/iam-simulate (and its @cloud-copilot/iam-policy) are AGPL: devDependencies, imported from tests only.
import { createValidatedPolicy, validateIdentityPolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy';
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { AUD_KEY, JOB_WORKFLOW_REF_KEY, SUB_KEY, evaluateTrust, type PolicyDocument } from '@lockstep/model';

/** iam-simulate's verdict. */
export type Verdict = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** A GitHub token presented to `sts:AssumeRoleWithWebIdentity`. */
export interface TokenRequest {
  readonly sub: string;
  /** @default 'sts.amazonaws.com' */
  readonly aud?: string;
  /** The OIDC provider the token comes through. */
  readonly provider: string;
  /** The role being assumed. */
  readonly roleArn: string;
  /** The token's `job_workflow_ref` (the workflow file that runs the job, at its ref). @default absent */
  readonly jobWorkflowRef?: string;
}

/** The request's condition keys: `sub`, `aud` and, when given, `job_workflow_ref`. */
function claimsOf(request: TokenRequest): Record<string, string> {
  return {
    [SUB_KEY]: request.sub,
    [AUD_KEY]: request.aud ?? 'sts.amazonaws.com',
    ...(request.jobWorkflowRef !== undefined ? { [JOB_WORKFLOW_REF_KEY]: request.jobWorkflowRef } : {}),
  };
}

/**
 * The independent verdict on a trust policy. `runSimulation` validates context keys against the action and
 * drops the OIDC `sub`/`aud` keys, so the unsafe entry point runs on a policy validated as a trust policy.
 */
export function simulateTrust(policy: unknown, request: TokenRequest): Verdict {
  const account = request.roleArn.split(':')[4];
  return runUnsafeSimulation(
    {
      request: {
        principal: request.provider,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: { resource: request.roleArn, accountId: account },
        contextVariables: claimsOf(request),
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: createValidatedPolicy(policy, validateTrustPolicy, { name: 'trust' }),
    },
    {},
  ) as Verdict;
}

/** The model's verdict on the same request, in iam-simulate's words. */
export function evaluateTrustVerdict(policy: PolicyDocument, request: TokenRequest): Verdict {
  const decision = evaluateTrust(policy, {
    claims: claimsOf(request),
    principal: request.provider,
  });
  if (decision.decision === 'allow') return 'Allowed';
  return decision.statement !== undefined ? 'ExplicitlyDenied' : 'ImplicitlyDenied';
}

/** An API call made with a role's credentials. */
export interface IdentityRequest {
  /** The caller, e.g. `arn:aws:iam::111111111111:role/X`. */
  readonly principal: string;
  readonly action: string;
  /** The ARN the action is authorized against. */
  readonly resource: string;
  /** Request context keys (e.g. `iam:PassedToService`). @default none */
  readonly context?: Record<string, string | string[]>;
}

/**
 * The verdict on an API call, given the caller's identity policies and optional permissions boundary.
 * Uses the validating entry point: an unknown action, a resource of the wrong type for the action, or a
 * context key the action doesn't support fails the test rather than silently denying.
 */
export async function simulateCall(
  request: IdentityRequest,
  identityPolicies: readonly unknown[],
  boundary?: unknown,
): Promise<Verdict> {
  const account = request.principal.split(':')[4];
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: account },
        contextVariables: request.context ?? {},
      },
      identityPolicies: identityPolicies.map((policy, i) => ({ name: `policy${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      permissionBoundaryPolicies: boundary === undefined ? undefined : [{ name: 'boundary', policy: boundary }],
    },
    {},
  );
  if (result.resultType === 'error') {
    throw new Error(`iam-simulate refused ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  }
  if (result.resultType === 'single' && (result.result.ignoredContextKeys ?? []).length > 0) {
    throw new Error(`iam-simulate ignored context keys ${JSON.stringify(result.result.ignoredContextKeys)} for ${request.action}`);
  }
  return result.overallResult as Verdict;
}

/**
 * {@link simulateCall} without input validation, for the one resource iam-data doesn't model: the SAM
 * transform (`arn:<partition>:cloudformation:<region>:aws:transform/Serverless-2016-10-31`), which AWS
 * documents as a CreateChangeSet resource.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-serverless.html
 */
export function simulateUnvalidatedCall(request: IdentityRequest, identityPolicies: readonly unknown[]): Verdict {
  const account = request.principal.split(':')[4];
  return runUnsafeSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: account },
        contextVariables: request.context ?? {},
      },
      identityPolicies: identityPolicies.map((policy, i) => ({ name: `policy${i}`, policy: createValidatedPolicy(policy, validateIdentityPolicy, { name: `policy${i}` }) })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  ) as Verdict;
}
