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

describe('preflight: log group names (the role tags a log group on create by its name only)', () => {
  const withLogs = (name: unknown) => {
    const t = template(undefined);
    return { ...t, Resources: { ...t.Resources, Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: name, RetentionInDays: 7 } } } };
  };

  test('no name, a name after the stack, or the logs of a function of the template are fine', () => {
    expect(preflightTemplate(withLogs(undefined))).toEqual([]);
    expect(preflightTemplate(withLogs({ 'Fn::Sub': '${AWS::StackName}-logs' }))).toEqual([]);
    expect(preflightTemplate(withLogs({ 'Fn::Sub': '/aws/lambda/${Fn}' }))).toEqual([]);
  });

  test('any other name is refused, with both ways to fix it', () => {
    for (const name of ['/production/api', { 'Fn::Sub': '/aws/lambda/${Missing}' }, { 'Fn::Sub': '/aws/lambda/other-${Fn}' }]) {
      expect(preflightTemplate(withLogs(name))).toEqual([expect.objectContaining({
        code: 'name-escapes-scope',
        resource: 'Logs',
        fix: 'remove LogGroupName, so that CloudFormation names it after the stack, or name a function\'s logs: !Sub "/aws/lambda/${<function>}"',
      })]);
    }
  });
});

describe('preflight: function properties the role can\'t deploy', () => {
  test('each is refused on the function or from Globals.Function, saying what it needs', () => {
    const t = template(undefined);
    const onFunction = { ...t, Resources: { Fn: { ...t.Resources.Fn, Properties: { ...t.Resources.Fn.Properties, AutoPublishAlias: 'live', VpcConfig: { SubnetIds: ['subnet-1'] } } } } };
    expect(preflightTemplate(onFunction).map((f) => [f.code, f.resource, f.message])).toEqual([
      ['unsupported-property', 'Fn', 'AutoPublishAlias is not in what the sam-lambda-testing role can deploy: SAM adds an AWS::Lambda::Version and an AWS::Lambda::Alias'],
      ['unsupported-property', 'Fn', 'VpcConfig is not in what the sam-lambda-testing role can deploy: the Lambda handler describes security groups, subnets and VPCs (ec2:Describe*)'],
    ]);
    const inGlobals = { ...t, Globals: { Function: { DeploymentPreference: { Type: 'AllAtOnce' } } } };
    expect(preflightTemplate(inGlobals)).toEqual([expect.objectContaining({
      code: 'unsupported-property',
      resource: 'Fn',
      message: expect.stringMatching(/^DeploymentPreference \(from Globals\.Function\) is not in what/),
      fix: 'remove DeploymentPreference from Globals.Function in the test template, or give the role roles.<role>.extraStatements with what it needs (and why)',
    })]);
  });
});
