import { configWith, expectIssue, issuesOf, resolved } from '../../support/configs';

/** The valid config with its one repository (`app`) renamed to `name`. */
function withRepoName(name: string) {
  return configWith((c) => { c.repos = { [name]: c.repos.app }; });
}

describe('github', () => {
  test.each(['-acme', 'acme-', 'ac--me', 'a'.repeat(40), 'ac_me', 'ac.me', ''])('fails when the owner is not a GitHub login (%p)', (owner) => {
    expectIssue(configWith((c) => { c.github.owner = owner; }), 'github.owner', /is not a GitHub owner name; expected 1–39 letters, digits or single hyphens/);
  });

  test.each(['a', 'honeyhiveai', 'Acme-Corp-2', 'a'.repeat(39)])('accepts the owner %p', (owner) => {
    expect(resolved(configWith((c) => { c.github.owner = owner; })).github.owner).toBe(owner);
  });

  test.each([
    ['https://github.com/honeyhiveai', 'honeyhiveai'],
    ['https://github.com/honeyhiveai/python-sdk', 'honeyhiveai'],
    ['git@github.com:honeyhiveai/python-sdk.git', 'honeyhiveai'],
    ['honeyhiveai/python-sdk', 'honeyhiveai'],
  ])('fails when the owner is a URL (%p) and says to write just %p', (owner, name) => {
    expectIssue(configWith((c) => { c.github.owner = owner; }), 'github.owner', new RegExp(`is a URL or path, not an owner name; write just the name: "${name}"`));
  });

  test.each(['abc', '0123', '-1', '1.5', ''])('fails when the owner id is not numeric (%p)', (ownerId) => {
    expectIssue(configWith((c) => { c.github.ownerId = ownerId; }), 'github.ownerId', /is not a numeric id; expected the digits of "id" in https:\/\/api\.github\.com\/users\/acme/);
  });

  test('accepts a numeric owner id', () => {
    expect(resolved(configWith((c) => { c.github.ownerId = '123456'; })).github.ownerId).toBe('123456');
  });
});

describe('repos', () => {
  test.each([
    ['https://github.com/acme/app', 'app'],
    ['https://github.com/acme/app.git', 'app'],
    ['git@github.com:acme/app.git', 'app'],
    ['acme/app', 'app'],
  ])('fails when a repository is given as a URL or path (%p) and says to write just %p', (name, fix) => {
    expectIssue(withRepoName(name), `repos[${JSON.stringify(name)}]`, new RegExp(`is a URL or path, not a repository name; write just the name: "${fix}"`));
  });

  test.each(['app.wiki', 'App.WIKI'])('fails when a repository name ends with .wiki (%p), which GitHub reserves for a wiki', (name) => {
    // GitHub serves a repository's wiki as the git repository OWNER/REPO.wiki (docs.github.com, "Adding or
    // editing wiki pages": "git clone https://github.com/YOUR-USERNAME/YOUR-REPOSITORY.wiki.git").
    expectIssue(withRepoName(name), `repos[${JSON.stringify(name)}]`, /ends with "\.wiki", which GitHub reserves for the wiki of the repository "app"; write the repository's own name/i);
  });

  test('fails when a repository name ends with .git', () => {
    expectIssue(withRepoName('app.git'), 'repos["app.git"]', /ends with "\.git", which GitHub drops from the name; write just the name: "app"/);
  });

  test.each(['.', '..', 'my app', 'app!', 'r'.repeat(101)])('fails when GitHub would refuse the repository name %p', (name) => {
    expect(issuesOf(withRepoName(name)).some((i) => /is not a GitHub repository name/.test(i.message))).toBe(true);
  });

  test.each(['app', 'my.app', 'my_app', '.github', 'r'.repeat(100)])('accepts the repository name %p', (name) => {
    expect(resolved(withRepoName(name)).repos[0].fullName).toBe(`acme/${name}`);
  });

  test('fails when two repositories differ only in case', () => {
    expectIssue(configWith((c) => { c.repos.App = { role: 'ci-role', subjects: { pullRequest: true } }; }), 'repos.app', /"app" collides with "App": GitHub repository names are unique ignoring case/);
  });

  test('fails when a repository names an unknown role, and lists the configured ones', () => {
    expectIssue(configWith((c) => { c.repos.app.role = 'ci-rol'; }), 'repos.app.role', /"ci-rol" is not a configured role; did you mean "ci-role"\?; expected one of "ci-role"/);
  });

  test('fails when a repository has neither lambdaTests nor subjects', () => {
    expectIssue(configWith((c) => { delete c.repos.app.lambdaTests; }), 'repos.app', /has neither lambdaTests nor subjects/);
  });

  test('takes the role ARN and environment from the role', () => {
    expect(resolved(configWith(() => undefined)).repos[0]).toMatchObject({
      roleArn: 'arn:aws:iam::111111111111:role/ci-role',
      environment: 'testing',
      defaultBranch: 'main',
      subjectFormat: 'legacy',
    });
  });

  test.each(['abc', '12a', '0'])('fails when a repository id is not numeric (%p)', (id) => {
    expectIssue(configWith((c) => { c.github.ownerId = '1'; c.repos.app.id = id; }), 'repos.app.id', /is not a numeric id/);
  });

  test('uses immutable subjects when the repository id is given', () => {
    const [repo] = resolved(configWith((c) => { c.github.ownerId = '10'; c.repos.app.id = '20'; })).repos;
    expect(repo.subjectFormat).toBe('immutable');
    expect(repo.subjects.map((s) => s.value)).toEqual(['repo:acme@10/app@20:pull_request', 'repo:acme@10/app@20:ref:refs/heads/main']);
  });

  test('fails when immutable subjects lack the owner id', () => {
    expectIssue(configWith((c) => { c.repos.app.id = '20'; }), 'repos.app.id', /"immutable" subjects .* need github\.ownerId; add them .* or set subjectFormat: "legacy"/);
  });

  test('fails when subjectFormat both lacks the repository id', () => {
    expectIssue(configWith((c) => { c.github.ownerId = '10'; c.repos.app.subjectFormat = 'both'; }), 'repos.app.subjectFormat', /"both" subjects .* need repos\.app\.id/);
  });

  test('trusts both subject formats while migrating', () => {
    const [repo] = resolved(configWith((c) => { c.github.ownerId = '10'; c.repos.app.id = '20'; c.repos.app.subjectFormat = 'both'; })).repos;
    expect(repo.subjects.map((s) => s.value)).toEqual([
      'repo:acme/app:pull_request',
      'repo:acme/app:ref:refs/heads/main',
      'repo:acme@10/app@20:pull_request',
      'repo:acme@10/app@20:ref:refs/heads/main',
    ]);
  });

  test('keeps legacy subjects when asked although the id is known', () => {
    expect(resolved(configWith((c) => { c.repos.app.id = '20'; c.repos.app.subjectFormat = 'legacy'; })).repos[0].subjects[0].value).toBe('repo:acme/app:pull_request');
  });

  test.each(['main*', 'ma..in', '-main', ''])('fails when the default branch is %p', (branch) => {
    expect(issuesOf(configWith((c) => { c.repos.app.defaultBranch = branch; })).some((i) => i.path === 'repos.app.defaultBranch')).toBe(true);
  });

  test('fails when the test stacks of two repositories collide after sanitizing', () => {
    expectIssue(
      configWith((c) => { c.repos['my.app'] = { ...c.repos.app }; c.repos['my_app'] = { ...c.repos.app }; }),
      'repos.my_app',
      /its test stacks \("lockstep-my-app--…"\) would fall under the IAM scope of "my\.app" \("lockstep-my-app--\*"\)/,
    );
  });

  test('keeps app and app-web apart in the same account: the "--" delimiter ends every prefix', () => {
    const config = configWith((c) => { c.repos['app-web'] = { ...c.repos.app }; });
    expect(resolved(config).repos.map((r) => r.lambdaTests?.stackPrefix)).toEqual(['lockstep-app--', 'lockstep-app-web--']);
  });

  test('lets stack prefixes overlap across accounts', () => {
    const config = configWith((c) => {
      c.environments.prod = { account: '222222222222', region: 'us-west-2' };
      c.roles['prod-role'] = { environment: 'prod', permissions: 'sam-lambda-testing' };
      c.repos['app-web'] = { ...c.repos.app, role: 'prod-role' };
    });
    expect(resolved(config).repos.map((r) => r.lambdaTests?.stackPrefix)).toEqual(['lockstep-app--', 'lockstep-app-web--']);
  });
});
