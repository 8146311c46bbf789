import { parsePolicyDocument, PolicyParseError, type PolicyDocument } from '@lockstep/model';
import { InputError } from './cli-error';
import { readTextFile } from './read-text-file';

/** A trust policy read from a file, with the role's ARN when the file is `aws iam get-role` output. */
export interface PolicyFile {
  readonly policy: PolicyDocument;
  readonly roleArn?: string;
}

/**
 * Reads a trust policy from a file — a bare policy document, the JSON output of `aws iam get-role`, or a
 * URL-encoded document (the model's {@link parsePolicyDocument} accepts all three) — keeping `Role.Arn` of
 * `aws iam get-role` output.
 */
export function readPolicyFileWithRole(file: string, shown = file): PolicyFile {
  return parsePolicyFile(readTextFile(file, 'policy file', shown), shown);
}

/** {@link parsePolicyText}, keeping `Role.Arn` when the text is `aws iam get-role` output. */
export function parsePolicyFile(text: string, source: string): PolicyFile {
  const policy = parsePolicyText(text, source);
  const roleArn = getRoleArn(text);
  return roleArn === undefined ? { policy } : { policy, roleArn };
}

/** Parses policy text read from `source`, with a parse failure reported as one line naming the source. */
export function parsePolicyText(text: string, source: string): PolicyDocument {
  try {
    return parsePolicyDocument(text);
  } catch (e) {
    if (e instanceof PolicyParseError) throw new InputError(`${source}: ${firstLine(e.message)}`);
    throw e;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/** `Role.Arn` of `aws iam get-role` output, when the text is that. */
function getRoleArn(text: string): string | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text) as { Role?: { Arn?: unknown } } | null;
    return typeof value?.Role?.Arn === 'string' ? value.Role.Arn : undefined;
  } catch {
    return undefined;
  }
}
