import { preflightTemplate } from '../../src/plan/preflight-template';

const template = (runtime: string | undefined) => ({
  Transform: 'AWS::Serverless-2016-10-31',
  Resources: {
    Fn: {
      Type: 'AWS::Serverless::Function',
      Properties: {
        Handler: 'index.handler',
        CodeUri: 'src/',
        PermissionsBoundary: 'arn:aws:iam::1:policy/B',
        ...(runtime === undefined ? {} : { Runtime: runtime }),
      },
    },
  },
});

describe('preflight: the runtime the workflow sets up', () => {
  test('a function of another language than the workflow sets up cannot be built (sam build needs it on the runner)', () => {
    const findings = preflightTemplate(template('nodejs22.x'), { runtime: 'python3.12' });
    expect(findings).toEqual([expect.objectContaining({ code: 'runtime-mismatch', resource: 'Fn', fix: 'set Runtime: python3.12, or set lambdaTests.runtime to nodejs22.x in the config' })]);
  });

  test('the same runtime, or a function without Runtime (an image), is fine', () => {
    expect(preflightTemplate(template('nodejs22.x'), { runtime: 'nodejs22.x' })).toEqual([]);
    expect(preflightTemplate(template(undefined), { runtime: 'nodejs22.x' })).toEqual([]);
  });
});
