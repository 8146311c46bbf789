import { shellQuote } from './shell-quote';

/** What the claims step needs to know besides the token. */
export interface ClaimsScriptOptions {
  /** `OWNER/REPO`, for `lockstep explain --repo`. */
  readonly repository: string;
  /** The role's name, for `aws iam get-role` (the live trust policy). */
  readonly roleName: string;
  /** The `aud` the assume step requested. */
  readonly audience: string;
}

/**
 * The script of the step that runs after a failed assume: it fetches the job's own OIDC token the way
 * the Actions toolkit does (`$ACTIONS_ID_TOKEN_REQUEST_URL&audience=…` with the request token as bearer,
 * the JWT in the response's `value`), decodes only the payload, and prints the claims the trust policy
 * compares plus the `lockstep explain` commands that explain the verdict. Neither the token nor the
 * request token is ever printed: they only pass through pipes.
 * @see https://github.com/actions/toolkit/blob/4b9afa4c890de9d1a84c75bb617ee4d96207823a/packages/core/src/oidc-utils.ts (lines 28–83)
 * @see https://docs.github.com/en/actions/reference/security/oidc
 */
export function claimsScript(options: ClaimsScriptOptions): string {
  return `${[
    '# Why AWS said no: the claims of this job\'s OIDC token that the trust policy compares (never the token).',
    'if [[ -z "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" || -z "${ACTIONS_ID_TOKEN_REQUEST_TOKEN:-}" ]]; then',
    '  echo "::error title=No OIDC token::this job cannot request an OIDC token: it needs permissions: id-token: write, and GitHub gives none to pull requests from forks"',
    '  exit 0',
    'fi',
    `response="$(curl -sS --fail --max-time 30 -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=${options.audience}")"`,
    // base64url without padding → base64.
    'payload="$(jq -r \'.value\' <<<"$response" | cut -d. -f2 | tr \'_-\' \'/+\')"',
    'while (( ${#payload} % 4 != 0 )); do payload+="="; done',
    'claims="$(base64 -d <<<"$payload" | jq \'{sub, aud, ref, environment, job_workflow_ref, repository_id}\')"',
    'echo "The job\'s OIDC token presents these claims:"',
    'echo "$claims"',
    'sub="$(jq -r \'.sub\' <<<"$claims")"',
    'aud="$(jq -r \'.aud\' <<<"$claims")"',
    'ref="$(jq -r \'.ref\' <<<"$claims")"',
    'environment="$(jq -r \'.environment // empty\' <<<"$claims")"',
    `explain=(npx lockstep explain --repo ${shellQuote(options.repository)} --event "$GITHUB_EVENT_NAME" --ref "$ref")`,
    'if [[ -n "$environment" ]]; then explain+=(--environment "$environment"); fi',
    'echo',
    'echo "Why the generated trust policy decides so (run in the Lockstep repository):"',
    'printf \'%q \' "${explain[@]}"',
    'printf \'\\n\'',
    'echo "Against the live trust policy:"',
    `printf '%s\\n' ${shellQuote(`aws iam get-role --role-name ${options.roleName} --query Role.AssumeRolePolicyDocument --output json > trust.json`)}`,
    'printf \'%q \' npx lockstep explain --trust-policy trust.json --sub "$sub" --aud "$aud"',
    'printf \'\\n\'',
  ].join('\n')}\n`;
}
