import * as path from 'node:path';

/** One diagnostic of CloudFormation's validator. */
export interface CfnDiagnostic {
  readonly severity: string;
  readonly ruleId: string;
  readonly message: string;
}

interface Engine {
  validateTemplate(template: unknown): { diagnostics: CfnDiagnostic[] };
  free(): void;
}

/**
 * `@aws/cloudformation-validate`, the offline CloudFormation validator (resource schemas, template
 * semantics, cfn-lint-like rules) that aws-cdk-lib bundles as its own dependency; required from
 * aws-cdk-lib's folder because it is not hoisted. Starting the engine takes seconds: create one per file.
 * @see https://github.com/aws-cloudformation/cloudformation-validate
 */
export function cloudFormationValidator(): { validate(name: string, template: object): CfnDiagnostic[]; free(): void } {
  const dir = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), 'node_modules', '@aws', 'cloudformation-validate');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require(dir) as { CompositeEngine: new () => Engine; TemplateContent: new (content: string, name: string) => unknown };
  const engine = new lib.CompositeEngine();
  return {
    validate: (name, template) =>
      engine.validateTemplate(new lib.TemplateContent(JSON.stringify(template, null, 2), name)).diagnostics.map((d) => ({
        severity: d.severity,
        ruleId: d.ruleId,
        message: d.message,
      })),
    free: () => engine.free(),
  };
}
