/**
 * One third-party action, pinned to a full commit SHA.
 *
 * A tag can be moved to other code; a 40-hex commit cannot, so every generated `uses:` names the commit
 * and carries the release in a comment for people and for Dependabot/Renovate.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
 */
export interface ActionPin {
  /** `OWNER/REPO`, e.g. `actions/checkout`. */
  readonly action: string;
  /** The release the commit is tagged with, e.g. `v7.0.1`. */
  readonly version: string;
  /** The full 40-hex commit SHA of that release. */
  readonly sha: string;
}

/**
 * Every action a generated workflow uses, with the commit read from the action's own repository.
 *
 * This is the one table to change when upgrading an action; the tests check the inputs the workflow
 * passes against each action's `action.yml` at the pinned release.
 */
export const ACTION_PINS = {
  /** @see https://github.com/actions/checkout/releases/tag/v7.0.1 */
  checkout: { action: 'actions/checkout', version: 'v7.0.1', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1' },
  /** @see https://github.com/aws-actions/configure-aws-credentials/releases/tag/v6.2.3 */
  configureAwsCredentials: {
    action: 'aws-actions/configure-aws-credentials',
    version: 'v6.2.3',
    sha: 'e6de054238d6b7531b4efff3b6587d9aade6a06c',
  },
  /** @see https://github.com/aws-actions/setup-sam/releases/tag/v3 */
  setupSam: { action: 'aws-actions/setup-sam', version: 'v3', sha: '89ddb14d60e682855e3fea4be85b3c56485de310' },
  /** @see https://github.com/actions/setup-python/releases/tag/v6.3.0 */
  setupPython: { action: 'actions/setup-python', version: 'v6.3.0', sha: 'ece7cb06caefa5fff74198d8649806c4678c61a1' },
  /** For `nodejs*` runtimes. @see https://github.com/actions/setup-node/releases/tag/v7.0.0 */
  setupNode: { action: 'actions/setup-node', version: 'v7.0.0', sha: '820762786026740c76f36085b0efc47a31fe5020' },
  /** For `java*` runtimes. @see https://github.com/actions/setup-java/releases/tag/v5.7.0 */
  setupJava: { action: 'actions/setup-java', version: 'v5.7.0', sha: 'b6effb05e454b25005698d916606bdc6ffcbf961' },
  /** For `dotnet*` runtimes. @see https://github.com/actions/setup-dotnet/releases/tag/v6.0.0 */
  setupDotnet: { action: 'actions/setup-dotnet', version: 'v6.0.0', sha: 'a98b56852c35b8e3190ac28c8c2271da59106c68' },
  /** For `ruby*` runtimes. @see https://github.com/ruby/setup-ruby/releases/tag/v1.315.0 */
  setupRuby: { action: 'ruby/setup-ruby', version: 'v1.315.0', sha: '0dafeac902942906541bc140009cdbf32665b601' },
} as const satisfies Record<string, ActionPin>;

/**
 * The SAM CLI release the jobs install (setup-sam's `version:`, with its native installer): the action is
 * pinned, and so is what it installs. A failed download is only a warning in setup-sam (the runner
 * image's own `sam` would run instead), so the job checks `sam --version` after it.
 * @see https://github.com/aws/aws-sam-cli/releases/tag/v1.164.0
 * @see https://github.com/aws-actions/setup-sam/blob/89ddb14d60e682855e3fea4be85b3c56485de310/lib/setup.js (lines 185–207, 302–304)
 */
export const SAM_CLI_VERSION = '1.164.0';

/**
 * The value of a step's `uses:` for a pinned action, without the version comment: `OWNER/REPO@SHA`.
 * @example pinnedUses(ACTION_PINS.checkout) // 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1'
 */
export function pinnedUses(pin: ActionPin): string {
  return `${pin.action}@${pin.sha}`;
}
