/** True for a JSON object (not an array, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short description of a JSON value for an error message: `the string "x"`, `an object with keys "A", "B"`. */
export function describeJson(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(truncate(v))}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      // A synthesized CDK template carries unresolved intrinsics; only the deployed value can be checked.
      return `the CloudFormation intrinsic {"${keys[0]}": …} (give the deployed value, e.g. from \`aws iam get-role\`)`;
    }
    if (keys.length === 0) return 'an empty object';
    return `an object with keys ${keys.slice(0, 5).map((k) => JSON.stringify(k)).join(', ')}${keys.length > 5 ? ', …' : ''}`;
  }
  return typeof v;
}

/** `base.key` for identifier-like keys, `base["key"]` otherwise (condition keys contain `.` and `:`). */
export function jsonPath(base: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const EXPECTED =
  'expected a policy document, the output of `aws iam get-role`, a URL-encoded policy, or a CloudFormation AWS::IAM::Role';

/**
 * Reads text that holds a policy document in any of the wrappings AWS uses, and returns the document's JSON
 * value (not yet validated). Throws an Error with a one-line message.
 */
export function readJson(text: string): unknown {
  return unwrap(decode(text), 0);
}

function decode(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error(`the input is empty; ${EXPECTED}`);
  // IAM's API (and CloudTrail) return policy documents URL-encoded (RFC 3986), e.g. %7B%22Version%22...
  const looksEncoded = trimmed.startsWith('%');
  let json = trimmed;
  if (looksEncoded) {
    try {
      json = decodeURIComponent(trimmed.replace(/\+/g, '%20'));
    } catch {
      throw new Error('the input looks URL-encoded but is not valid percent-encoding; expected a URL-encoded policy document');
    }
  }
  try {
    return JSON.parse(json);
  } catch (e) {
    const detail = (e as Error).message.split('\n')[0];
    throw new Error(`the input is not JSON (${detail}); ${EXPECTED}`);
  }
}

function unwrap(value: unknown, depth: number): unknown {
  if (depth > 4) throw new Error(`the input nests documents too deeply; ${EXPECTED}`);
  if (typeof value === 'string') {
    // get-role's AssumeRolePolicyDocument, or a document stored as a JSON string, may itself be encoded.
    return unwrap(decode(value), depth + 1);
  }
  if (!isPlainObject(value)) throw new Error(`${EXPECTED}; got ${describeJson(value)}`);
  if ('Statement' in value) return value;
  if ('Role' in value) {
    const role = value.Role;
    if (!isPlainObject(role) || !('AssumeRolePolicyDocument' in role)) {
      throw new Error('Role: expected the output of `aws iam get-role` with Role.AssumeRolePolicyDocument');
    }
    return unwrap(role.AssumeRolePolicyDocument, depth + 1);
  }
  if ('Type' in value && 'Properties' in value) {
    if (value.Type !== 'AWS::IAM::Role') {
      throw new Error(`Type: expected a CloudFormation resource of type "AWS::IAM::Role", got ${describeJson(value.Type)}`);
    }
    return unwrap(value.Properties, depth + 1);
  }
  if ('AssumeRolePolicyDocument' in value) return unwrap(value.AssumeRolePolicyDocument, depth + 1);
  throw new Error(`${EXPECTED}; got ${describeJson(value)} and no "Statement"`);
}
