import { configWith, expectIssue, resolved } from '../../support/configs';

describe('environments', () => {
  test.each(['12345678901', '1234567890123', '65465449801a', ''])('fails when an account id is %p', (account) => {
    expectIssue(configWith((c) => { c.environments.testing.account = account; }), 'environments.testing.account', /is not an AWS account id; expected exactly 12 digits/);
  });

  test('fails when an account id has 11 digits, and says how many it has', () => {
    expectIssue(configWith((c) => { c.environments.testing.account = '12345678901'; }), 'environments.testing.account', /\(it has 11\)/);
  });

  test('suggests the id without separators', () => {
    expectIssue(configWith((c) => { c.environments.testing.account = '6546-5449-8014'; }), 'environments.testing.account', /write it without separators: "654654498014"/);
  });

  test('accepts a 12-digit account id with leading zeros', () => {
    expect(resolved(configWith((c) => { c.environments.testing.account = '012345678901'; })).environments[0].account).toBe('012345678901');
  });

  test('fails when an account id is written as a number, and says to quote it', () => {
    expectIssue(configWith((c) => { (c.environments.testing as unknown as { account: number }).account = 654654498014; }), 'environments.testing.account', /is a number; expected a string; write it in quotes: "654654498014"/);
  });

  test.each([
    ['us-west2', 'us-west-2'],
    ['US-WEST-2', 'us-west-2'],
    ['us_west_2', 'us-west-2'],
  ])('fails when a region is malformed (%p) and suggests %p', (region, suggestion) => {
    expectIssue(configWith((c) => { c.environments.testing.region = region; }), 'environments.testing.region', new RegExp(`is not an AWS region.*did you mean "${suggestion}"`));
  });

  test.each(['uswest', 'us-west-', 'mars-central-1', ' us-west-2'])('fails when a region is not a region name (%p)', (region) => {
    expectIssue(configWith((c) => { c.environments.testing.region = region; }), 'environments.testing.region', /is not an AWS region/);
  });

  test('fails for a region of an isolated partition', () => {
    expectIssue(configWith((c) => { c.environments.testing.region = 'us-iso-east-1'; }), 'environments.testing.region', /isolated partition, which Lockstep does not support/);
  });

  test.each([
    ['us-west-2', 'aws', 'sts.amazonaws.com'],
    ['eu-central-1', 'aws', 'sts.amazonaws.com'],
    ['cn-north-1', 'aws-cn', 'sts.amazonaws.com.cn'],
    ['us-gov-west-1', 'aws-us-gov', 'sts.amazonaws.com'],
  ])('derives from region %p the partition %p and audience %p', (region, partition, audience) => {
    const [env] = resolved(configWith((c) => { c.environments.testing.region = region; })).environments;
    expect(env).toMatchObject({ partition, audience, provider: { clientIds: [audience] } });
    expect(env.provider.arn).toBe(`arn:${partition}:iam::111111111111:oidc-provider/token.actions.githubusercontent.com`);
  });

  test('fails when the audience does not match the partition of the region', () => {
    expectIssue(
      configWith((c) => { c.environments.testing = { account: '111111111111', region: 'cn-north-1', audience: 'sts.amazonaws.com' }; }),
      'environments.testing.audience',
      /"sts.amazonaws.com" does not match region "cn-north-1" \(partition "aws-cn"\), whose STS audience is "sts.amazonaws.com.cn"/,
    );
  });

  test('accepts an audience that matches the partition', () => {
    const config = configWith((c) => { c.environments.testing = { account: '111111111111', region: 'cn-north-1', audience: 'sts.amazonaws.com.cn' }; });
    expect(resolved(config).environments[0].audience).toBe('sts.amazonaws.com.cn');
  });

  test('names the stack of an environment after it', () => {
    expect(resolved(configWith(() => undefined)).environments[0].stackName).toBe('Lockstep-testing');
  });

  test('fails when two environment names give the same stack name', () => {
    expectIssue(
      configWith((c) => { c.environments['test.ing'] = { account: '111111111111', region: 'us-east-1' }; c.environments['test_ing'] = { account: '111111111111', region: 'us-east-2' }; }),
      'environments.test_ing',
      /"test_ing" collides with "test.ing"/,
    );
  });

  test('fails when two environment names differ only in case', () => {
    expectIssue(configWith((c) => { c.environments.Testing = { account: '111111111111', region: 'us-east-1' }; }), 'environments.testing', /collides with "Testing"/);
  });

  test('fails when two environments have the same account and region, naming the artifact bucket and the fix', () => {
    expectIssue(
      configWith((c) => { c.environments.staging = { account: '111111111111', region: 'us-west-2' }; }),
      'environments.testing',
      /^"testing" has the same account "111111111111" and region "us-west-2" as environment "staging"; each environment is its own stack, and both stacks would create the SAM artifact bucket "lockstep-artifacts-111111111111-us-west-2"; use one environment for both: /,
    );
  });

  test('accepts two environments of one account in different regions, and of one region in different accounts', () => {
    const config = configWith((c) => {
      c.environments.east = { account: '111111111111', region: 'us-east-1' };
      c.environments.other = { account: '222222222222', region: 'us-west-2' };
    });
    expect(resolved(config).environments.map((e) => e.name)).toEqual(['east', 'other', 'testing']);
  });

  test.each([
    ['qa:blue', 'qa-blue', 'environments["qa:blue"]'],
    ['qa blue', 'qa-blue', 'environments["qa blue"]'],
    ['qa--blue', 'qa-blue', 'environments.qa--blue'],
    ['-qa', 'qa', 'environments.-qa'],
  ])(
    'refuses the AWS environment key %p, which would name the stack of %p',
    (key, safe, path) => {
      expectIssue(
        configWith((c) => { c.environments[key] = { account: '111111111111', region: 'us-east-1' }; }),
        path,
        new RegExp(`is not usable as an AWS environment name: it names the CloudFormation stack.*e\\.g\\. "${safe}".*lambdaTests\\.githubEnvironment`),
      );
    },
  );

  test('refuses an AWS environment key longer than 100 characters', () => {
    expectIssue(configWith((c) => { c.environments['a'.repeat(101)] = { account: '111111111111', region: 'us-east-1' }; }), `environments.${'a'.repeat(101)}`, /1–100 letters/);
  });

  test('fails when an environment name has no letter or digit', () => {
    expectIssue(configWith((c) => { c.environments['--'] = { account: '111111111111', region: 'us-east-1' }; }), 'environments.--', /is not usable as an AWS environment name/);
  });
});

describe('providers', () => {
  test('imports the provider by default', () => {
    expect(resolved(configWith(() => undefined)).environments[0].provider.mode).toBe('import');
  });

  test('creates the provider when asked', () => {
    expect(resolved(configWith((c) => { c.providers = { testing: 'create' }; })).environments[0].provider.mode).toBe('create');
  });

  test('fails when two environments in one account both create the provider', () => {
    expectIssue(
      configWith((c) => {
        c.environments.staging = { account: '111111111111', region: 'us-east-1' };
        c.providers = { testing: 'create', staging: 'create' };
      }),
      'providers.testing',
      /"create" conflicts with environment "staging", which creates the provider of account "111111111111" too; .* set both to "import" if the provider exists; if not, create it once outside the Lockstep stacks/,
    );
  });

  test('lets environments in different accounts both create their provider', () => {
    const config = configWith((c) => {
      c.environments.prod = { account: '222222222222', region: 'us-west-2' };
      c.providers = { testing: 'create', prod: 'create' };
    });
    expect(resolved(config).environments.map((e) => e.provider.mode)).toEqual(['create', 'create']);
  });

  test('fails when one environment creates the provider and another in the same account imports it, naming both and the fix', () => {
    expectIssue(
      configWith((c) => {
        c.environments.staging = { account: '111111111111', region: 'us-east-1' };
        c.providers = { testing: 'create', staging: 'import' };
      }),
      'providers.testing',
      /^"create" conflicts with environment "staging", which imports the provider of the same account "111111111111" as one that exists already; .*set providers\.testing to "import" if the provider exists; if not, create it once outside the Lockstep stacks \(e\.g\. with Terraform\) and import it in every environment of account "111111111111"$/,
    );
  });

  test('fails when another environment of the account imports the provider by default', () => {
    expectIssue(
      configWith((c) => {
        c.environments.staging = { account: '111111111111', region: 'us-east-1' };
        c.providers = { testing: 'create' };
      }),
      'providers.testing',
      /environment "staging", which imports the provider .* \("import" is the default when providers has no entry\)/,
    );
  });

  test('lets an environment create the provider when it is the only environment of its account', () => {
    const config = configWith((c) => {
      c.environments.prod = { account: '222222222222', region: 'us-west-2' };
      c.providers = { testing: 'create' };
    });
    expect(resolved(config).environments.map((e) => [e.name, e.provider.mode])).toEqual([['prod', 'import'], ['testing', 'create']]);
  });

  test('lets every environment of an account import the provider', () => {
    const config = configWith((c) => { c.environments.staging = { account: '111111111111', region: 'us-east-1' }; });
    expect(resolved(config).environments.map((e) => e.provider.mode)).toEqual(['import', 'import']);
  });

  test('fails when a provider names an unknown environment', () => {
    expectIssue(configWith((c) => { c.providers = { testin: 'import' }; }), 'providers.testin', /"testin" is not a configured environment; did you mean "testing"\?; expected one of "testing"/);
  });

  test('suggests the configured environment a provider\'s name is cut short from', () => {
    expectIssue(configWith((c) => { c.providers = { test: 'import' }; }), 'providers.test', /^"test" is not a configured environment; did you mean "testing"\?; expected one of "testing"$/);
  });
});
