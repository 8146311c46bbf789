import { ACTION_PINS, pinnedUses } from '../../src/action-pins';

/** The inputs one action declares in its `action.yml`: name → whether it is required without a default. */
export type ActionInputTable = Readonly<Record<string, { readonly required: boolean }>>;

const optional = (...names: string[]): Record<string, { required: boolean }> =>
  Object.fromEntries(names.map((name) => [name, { required: false }]));

/**
 * The input NAMES each pinned action declares, keyed by `OWNER/REPO@SHA`, recorded by hand (no copied
 * files). Where they come from, read through the reference store's copies of the actions' repositories
 * (it holds no copy at exactly the pinned commits):
 *
 * - aws-actions/configure-aws-credentials: the "Options" input table of its README at v6.1.x (examples
 *   name `@v6.1.0`), which lists every `action.yml` input; `aws-region` is the one marked required.
 *   REFERENCE.md §7 lists the same names for v6.
 * - actions/checkout: `action.yml` (runs `node20`, with `reference` and `fetch-tags`); later releases only
 *   added inputs. We pass `persist-credentials`.
 * - aws-actions/setup-sam: the inputs its `lib/setup.js` reads (`version`, `python`, `use-installer`,
 *   `token`) in the release that installs nightly and Windows MSI builds (v2.x/v3).
 * - actions/setup-python: `action.yml` of v5/v6 (`python-version` … `ignore-platform-version`) plus
 *   `freethreaded`, `pip-version` and `pip-install` of v6.
 * - actions/setup-node v7.0.0, actions/setup-java v5.7.0, actions/setup-dotnet v6.0.0, ruby/setup-ruby
 *   v1.315.0: each `action.yml` at the pinned commit, read from the actions' repositories (research notes
 *   for issue 10, §3). setup-java's `distribution` is required in practice (no default) and marked so.
 *
 * Update this table together with ACTION_PINS: the test fails for a pin it doesn't know.
 */
export const ACTION_INPUTS: Readonly<Record<string, ActionInputTable>> = {
  [pinnedUses(ACTION_PINS.configureAwsCredentials)]: {
    ...optional(
      'aws-profile',
      'overwrite-aws-profile',
      'role-to-assume',
      'aws-access-key-id',
      'aws-secret-access-key',
      'aws-session-token',
      'web-identity-token-file',
      'role-chaining',
      'audience',
      'http-proxy',
      'mask-aws-account-id',
      'role-duration-seconds',
      'role-external-id',
      'role-session-name',
      'role-skip-session-tagging',
      'transitive-tag-keys',
      'inline-session-policy',
      'managed-session-policies',
      'output-credentials',
      'output-env-credentials',
      'unset-current-credentials',
      'disable-retry',
      'retry-max-attempts',
      'special-characters-workaround',
      'use-existing-credentials',
      'allowed-account-ids',
      'force-skip-oidc',
      'action-timeout-s',
    ),
    'aws-region': { required: true },
  },
  [pinnedUses(ACTION_PINS.checkout)]: optional(
    'repository',
    'ref',
    'token',
    'ssh-key',
    'ssh-known-hosts',
    'ssh-strict',
    'ssh-user',
    'persist-credentials',
    'path',
    'clean',
    'filter',
    'sparse-checkout',
    'sparse-checkout-cone-mode',
    'fetch-depth',
    'fetch-tags',
    'show-progress',
    'reference',
    'lfs',
    'submodules',
    'set-safe-directory',
    'github-server-url',
  ),
  [pinnedUses(ACTION_PINS.setupSam)]: optional('version', 'python', 'use-installer', 'token'),
  [pinnedUses(ACTION_PINS.setupPython)]: optional(
    'python-version',
    'python-version-file',
    'cache',
    'architecture',
    'check-latest',
    'token',
    'cache-dependency-path',
    'update-environment',
    'allow-prereleases',
    'freethreaded',
    'pip-version',
    'pip-install',
    'ignore-platform-version',
  ),
  [pinnedUses(ACTION_PINS.setupNode)]: optional(
    'node-version',
    'node-version-file',
    'architecture',
    'check-latest',
    'registry-url',
    'scope',
    'token',
    'cache',
    'package-manager-cache',
    'cache-dependency-path',
    'mirror',
    'mirror-token',
  ),
  [pinnedUses(ACTION_PINS.setupJava)]: {
    ...optional(
      'java-version',
      'java-version-file',
      'java-package',
      'architecture',
      'jdk-file',
      'check-latest',
      'set-default',
      'verify-signature',
      'verify-signature-public-key',
      'server-id',
      'server-username',
      'server-password',
      'settings-path',
      'overwrite-settings',
      'gpg-private-key',
      'gpg-passphrase',
      'cache',
      'cache-dependency-path',
      'job-status',
      'token',
      'mvn-toolchain-id',
      'mvn-toolchain-vendor',
      'show-download-progress',
    ),
    distribution: { required: true },
  },
  [pinnedUses(ACTION_PINS.setupDotnet)]: optional(
    'dotnet-version',
    'dotnet-quality',
    'dotnet-channel',
    'global-json-file',
    'source-url',
    'owner',
    'config-file',
    'cache',
    'cache-dependency-path',
    'workloads',
    'architecture',
  ),
  [pinnedUses(ACTION_PINS.setupRuby)]: optional(
    'ruby-version',
    'rubygems',
    'bundler',
    'bundler-cache',
    'working-directory',
    'cache-version',
    'self-hosted',
    'windows-toolchain',
    'token',
    'ruby-prefix',
  ),
};
