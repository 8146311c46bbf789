type Model = typeof import('../src/index');

/** Runs `use` on a fresh copy of the package, in its own module registry, telling whether zod was loaded. */
function withFreshPackage(use: (model: Model, zodLoaded: () => boolean) => void): void {
  let loaded = false;
  jest.isolateModules(() => {
    jest.doMock('zod', () => {
      loaded = true;
      return jest.requireActual('zod');
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    use(require('../src/index') as Model, () => loaded);
  });
}

describe('the package entry point', () => {
  afterEach(() => jest.dontMock('zod'));

  it('evaluates and audits a trust policy without loading zod', () => {
    withFreshPackage((model, zodLoaded) => {
      const sub = 'repo:o/r:ref:refs/heads/main';
      const policy = model.parsePolicyDocument(JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: '*' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [model.SUB_KEY]: sub } } }],
      }));
      expect(model.evaluateTrust(policy, { claims: { [model.SUB_KEY]: sub } }).decision).toBe('allow');
      expect(model.auditTrust(policy)).toEqual(expect.any(Array));
      expect(zodLoaded()).toBe(false);
    });
  });

  it('loads zod when a config is resolved', () => {
    withFreshPackage((model, zodLoaded) => {
      expect(model.resolve({}).ok).toBe(false);
      expect(zodLoaded()).toBe(true);
    });
  });

  it('still exports the config schema, loading zod on first access', () => {
    withFreshPackage((model, zodLoaded) => {
      expect(Object.keys(model)).toContain('lockstepConfigSchema');
      expect(zodLoaded()).toBe(false);
      expect(model.lockstepConfigSchema.safeParse({ github: { owner: 'o' } }).success).toBe(false);
      expect(zodLoaded()).toBe(true);
    });
  });
});
