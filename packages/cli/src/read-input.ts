import * as fs from 'node:fs';
import { parsePolicyDocument, PolicyParseError, type PolicyDocument } from '@lockstep/model';
import { InputError } from './cli-error';
import { decodeText, INPUT_LIMITS } from './input-limits';

/**
 * Reads a text file the user named, turning every way it can fail into a one-line {@link InputError}
 * that names the file; the text is bounded and checked as {@link decodeText} says.
 */
export function readTextFile(file: string, what = 'file', shown = file): string {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    // Don't read a file (or a device, a pipe) past the limit only to refuse it.
    bytes = stat.isFile() && stat.size <= INPUT_LIMITS.bytes ? fs.readFileSync(file) : readPrefix(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new InputError(`${shown}: no such ${what}`);
    if (err.code === 'EACCES' || err.code === 'EPERM') throw new InputError(`${shown}: cannot read the ${what} (permission denied)`);
    if (err.code === 'EISDIR') throw new InputError(`${shown}: is a directory; expected a ${what}`);
    throw new InputError(`${shown}: cannot read the ${what} (${err.code ?? err.message})`);
  }
  return decodeText(bytes, shown, what);
}

/** The file's bytes, or its first bytes past the limit (enough for {@link decodeText} to refuse it). */
function readPrefix(file: string): Buffer {
  const limit = INPUT_LIMITS.bytes + 1;
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(limit);
    let length = 0;
    for (let n = -1; n !== 0 && length < limit; length += n) n = fs.readSync(fd, buffer, length, limit - length, null);
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

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
