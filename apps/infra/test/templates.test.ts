import { resolveOrThrow } from '@lockstep/model';
import { synthesizeInfra } from '../src';
import { cloudFormationValidator } from './support/cloudformation-validate';
import { EXTRA, defaultConfig, withMoreEnvironments } from './support/configs';

// Its own file: the validator's WebAssembly engine takes seconds to start, once per file.
describe('CloudFormation schema validation (@aws/cloudformation-validate, bundled with aws-cdk-lib)', () => {
  const validator = cloudFormationValidator();
  afterAll(() => validator.free());
  const stacks = [...synthesizeInfra(defaultConfig()).stacks, ...synthesizeInfra(resolveOrThrow(withMoreEnvironments())).stacks.filter((s) => s.environment !== 'testing')];

  test.each(stacks.map((s) => [s.stackName, s] as const))('%s has no fatal, error or warning diagnostic', (_name, stack) => {
    const diagnostics = validator.validate(`${stack.stackName}.template.json`, stack.template);
    expect(diagnostics.filter((d) => d.severity !== 'INFO')).toEqual([]);
  });

  test('the validator does report a broken template (so an empty report means something)', () => {
    const broken = JSON.parse(JSON.stringify(stacks.find((s) => s.account === EXTRA.govAccount)!.template));
    broken.Resources.GitHubOidcProvider.Properties.Urll = 'https://x';
    expect(validator.validate('broken.json', broken).map((d) => d.severity)).toContain('FATAL');
  });
});
