/**
 * The longest run-specific suffix: `-` + a run id (11 digits in 2026; room for 15) + `-` + an attempt (up to 3 digits).
 * @see https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/accessing-contextual-information-about-workflow-runs#github-context
 */
const SUFFIX_ROOM = 1 + 15 + 1 + 3;

/** IAM's limit for a role session name: 2–64 characters of `[\w+=,.@-]`. */
const MAX_SESSION_NAME = 64;

/**
 * The `role-session-name` of a generated job: `lockstep-<repo>-<run id>-<run attempt>`, so CloudTrail
 * names the repository and the exact run. The repository part is cleaned to IAM's characters and cut so
 * that the whole name stays within 64 characters whatever the run id.
 * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_RequestParameters
 * @example roleSessionName('python-sdk') // 'lockstep-python-sdk-${{ github.run_id }}-${{ github.run_attempt }}'
 */
export function roleSessionName(repo: string): string {
  const prefix = `lockstep-${repo.replace(/[^\w+=,.@-]/g, '-')}`.slice(0, MAX_SESSION_NAME - SUFFIX_ROOM).replace(/-+$/, '');
  return `${prefix}-\${{ github.run_id }}-\${{ github.run_attempt }}`;
}
