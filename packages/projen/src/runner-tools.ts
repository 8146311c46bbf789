import { ACTION_PINS } from './action-pins';

/** The GitHub-hosted runner image every generated job runs on. */
export const RUNNER_IMAGE = 'ubuntu-24.04';

/**
 * The executables a generated `run:` step may call without a set-up or install step before it, because the
 * runner image has them on PATH: the one list of what Lockstep assumes about the image (a test checks
 * every generated script against it). The image also has `sam`, but the jobs install a pinned release.
 * @see https://github.com/actions/runner-images/blob/c5170d2845dc0eb0f22853ec70bd4f1c891112ca/images/ubuntu/Ubuntu2404-Readme.md (image 20260816.277.1)
 */
export const RUNNER_IMAGE_TOOLS: readonly string[] = [
  // Shell and coreutils.
  'bash', 'base64', 'cat', 'cut', 'tr', 'printf', 'echo',
  // Listed in the image's readme: AWS CLI 2, curl, jq, git, make, Gradle, Maven, cargo.
  'aws', 'curl', 'jq', 'git', 'make', 'gradle', 'mvn', 'cargo',
];

/**
 * What each set-up action puts on PATH for the later steps, by action (`OWNER/REPO`).
 * @see https://github.com/actions/setup-python — `python`, `python3`, `pip`, `pip3` of the requested version
 * @see https://github.com/actions/setup-node — `node`, `npm`, `npx`
 * @see https://github.com/actions/setup-java — the JDK's `java`, `javac`
 * @see https://github.com/actions/setup-dotnet — `dotnet`
 * @see https://github.com/ruby/setup-ruby — `ruby`, `gem`, `bundle`
 * @see https://github.com/aws-actions/setup-sam — `sam`
 */
export const TOOLS_FROM_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  [ACTION_PINS.setupPython.action]: ['python', 'python3', 'pip', 'pip3'],
  [ACTION_PINS.setupNode.action]: ['node', 'npm', 'npx'],
  [ACTION_PINS.setupJava.action]: ['java', 'javac'],
  [ACTION_PINS.setupDotnet.action]: ['dotnet'],
  [ACTION_PINS.setupRuby.action]: ['ruby', 'gem', 'bundle'],
  [ACTION_PINS.setupSam.action]: ['sam'],
};
