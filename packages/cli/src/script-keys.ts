/**
 * What a step's `run:` script does with long-lived AWS keys, as `check` and `migrate` find them. A workflow's parse
 * keeps this instead of the script (see `WorkflowStep.run`).
 */

/** `aws configure set aws_access_key_id …` (and the secret key and session token) in a script. */
export const AWS_CONFIGURE_SET = /\baws\s+configure\s+set\s+(?:--\S+\s+\S+\s+)*(aws_access_key_id|aws_secret_access_key|aws_session_token)\b/;
/** A key variable set from a secret in a script: `AWS_ACCESS_KEY_ID=${{ secrets.… }}`. */
const RUN_EXPORT = /\b(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN)\s*=\s*["']?\$\{\{\s*secrets\./;

/** What a `run:` script does with long-lived AWS keys: the first key of each form it uses. */
export interface ScriptKeys {
  /** The key of the first `aws configure set aws_access_key_id …` (or secret key, session token). */
  readonly configureSet?: string;
  /** The first key variable the script sets from a secret (`AWS_ACCESS_KEY_ID=${{ secrets.… }}`). */
  readonly exported?: string;
}

/** The {@link ScriptKeys} of a `run:` script. */
export function scriptKeys(script: string): ScriptKeys {
  const configureSet = AWS_CONFIGURE_SET.exec(script)?.[1];
  const exported = RUN_EXPORT.exec(script)?.[1];
  return { ...(configureSet !== undefined ? { configureSet } : {}), ...(exported !== undefined ? { exported } : {}) };
}
