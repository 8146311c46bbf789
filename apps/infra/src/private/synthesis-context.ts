/**
 * The context every Lockstep CDK app synthesizes with, after the CLI's (`postCliContext`), so `cdk synth`
 * writes the same templates as the in-process synthesis:
 * - no construct paths or asset paths in resource metadata: the templates stay deterministic and readable;
 * - no stack traces in the cloud assembly's metadata (construct creation, annotations): nobody reads them
 *   (the templates carry no metadata; a refusal names the construct path), and capturing one per
 *   resource, rendered through the source maps tsx and jest install, was a fifth of a synthesis.
 * Context keys: aws-cdk-lib cx-api/lib/app.js (`aws:cdk:disable-stack-trace`,
 * `aws:cdk:disable-creation-stack-traces`), read by core/lib/annotations.js and core/lib/cfn-element.js.
 */
export const SYNTHESIS_CONTEXT = {
  'aws:cdk:enable-path-metadata': false,
  'aws:cdk:enable-asset-metadata': false,
  'aws:cdk:disable-stack-trace': true,
  'aws:cdk:disable-creation-stack-traces': true,
} as const;
