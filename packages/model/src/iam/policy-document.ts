import { describeJson, isPlainObject, jsonPath, readJson } from './private/json-input';

/**
 * The value of one condition key in a condition block: one string, a list of strings (any of them may match),
 * or a JSON boolean (for `Bool` / `Null`).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 */
export type ConditionValue = string | readonly string[] | boolean;

/**
 * A statement's `Condition` element: condition operator (e.g. `StringLike`, `ForAnyValue:StringEquals`)
 * → condition key → value(s).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, ConditionValue>>>>;

/**
 * A statement's `Principal` or `NotPrincipal`: `"*"` (everyone) or principals by type.
 * A GitHub trust statement uses `{ Federated: "arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com" }`.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export type PolicyPrincipal =
  | '*'
  | {
    readonly AWS?: string | readonly string[];
    readonly Federated?: string | readonly string[];
    readonly Service?: string | readonly string[];
    readonly CanonicalUser?: string | readonly string[];
  };

/**
 * One statement of a role trust policy, as IAM stores it in JSON.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
export interface PolicyStatement {
  /** Optional statement id. */
  readonly Sid?: string;
  /** Whether a matching statement allows or denies the request. */
  readonly Effect: 'Allow' | 'Deny';
  /** Who the statement applies to; a trust statement has this or `NotPrincipal`. */
  readonly Principal?: PolicyPrincipal;
  /** Everyone except these; rare in trust policies. */
  readonly NotPrincipal?: PolicyPrincipal;
  /** Actions the statement applies to (`*` and `?` are wildcards, compared ignoring case). */
  readonly Action?: string | readonly string[];
  /** The statement applies to every action except these. */
  readonly NotAction?: string | readonly string[];
  /**
   * Conditions that must all hold.
   * @default no condition: the statement applies whatever the request's claims
   */
  readonly Condition?: ConditionBlock;
}

/**
 * An IAM policy document as plain JSON; `Statement` is always a list here, even when the source had one object.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
export interface PolicyDocument {
  /**
   * Policy language version; policy variables (`${…}`) are only interpreted with `2012-10-17`.
   * @default IAM treats a missing version as `2008-10-17`
   */
  readonly Version?: string;
  /** Optional policy id. */
  readonly Id?: string;
  /** The statements, in document order. */
  readonly Statement: readonly PolicyStatement[];
}

/**
 * Thrown by {@link parsePolicyDocument} for input that is not a policy document; its message is one line for a person.
 */
export class PolicyParseError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'PolicyParseError';
    Object.setPrototypeOf(this, PolicyParseError.prototype);
  }
}

const STATEMENT_FIELDS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Condition'];
const PRINCIPAL_TYPES = ['AWS', 'Federated', 'Service', 'CanonicalUser'];
const VERSIONS = ['2012-10-17', '2008-10-17'];

/**
 * Parses a role trust policy from text, in any form AWS or CloudFormation hands it out.
 *
 * Accepts a bare policy document, the JSON output of `aws iam get-role`
 * (`{"Role":{"AssumeRolePolicyDocument":…}}`, the document as an object or URL-encoded string),
 * a URL-encoded document as the IAM API returns it (`%7B%22Version%22…`), and a CloudFormation
 * `AWS::IAM::Role` resource, its `Properties`, or its `AssumeRolePolicyDocument`.
 *
 * @throws PolicyParseError when the text is not JSON or not shaped like a policy document; the message names
 * the offending path and what was expected.
 * @see https://docs.aws.amazon.com/cli/latest/reference/iam/get-role.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html
 */
export function parsePolicyDocument(text: string): PolicyDocument {
  let raw: unknown;
  try {
    raw = readJson(text);
  } catch (e) {
    throw new PolicyParseError((e as Error).message);
  }
  return validateDocument(raw);
}

function validateDocument(doc: unknown): PolicyDocument {
  if (!isPlainObject(doc)) {
    throw new PolicyParseError(`expected a policy document (a JSON object with "Statement"), got ${describeJson(doc)}`);
  }
  for (const key of Object.keys(doc)) {
    if (!['Version', 'Id', 'Statement'].includes(key)) {
      throw new PolicyParseError(`${key}: unexpected field in a policy document; expected only "Version", "Id" and "Statement"`);
    }
  }
  const version = doc.Version;
  if (version !== undefined && !(typeof version === 'string' && VERSIONS.includes(version))) {
    throw new PolicyParseError(`Version: expected "2012-10-17" or "2008-10-17", got ${describeJson(version)}`);
  }
  if (doc.Id !== undefined && typeof doc.Id !== 'string') {
    throw new PolicyParseError(`Id: expected a string, got ${describeJson(doc.Id)}`);
  }
  if (doc.Statement === undefined) {
    throw new PolicyParseError('Statement: missing; expected a list of statements');
  }
  // IAM accepts a single statement object in place of a list; we normalize to a list.
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const result: { Version?: string; Id?: string; Statement: PolicyStatement[] } = {
    Statement: statements.map((s, i) => validateStatement(s, `Statement[${i}]`)),
  };
  if (version !== undefined) result.Version = version as string;
  if (doc.Id !== undefined) result.Id = doc.Id as string;
  return result;
}

function validateStatement(s: unknown, path: string): PolicyStatement {
  if (!isPlainObject(s)) {
    throw new PolicyParseError(`${path}: expected a statement object, got ${describeJson(s)}`);
  }
  for (const key of Object.keys(s)) {
    if (key === 'Resource' || key === 'NotResource') {
      throw new PolicyParseError(`${path}.${key}: a trust policy has no ${key} (the resource is the role itself); remove it`);
    }
    if (!STATEMENT_FIELDS.includes(key)) {
      throw new PolicyParseError(`${path}.${key}: unexpected field; expected one of ${STATEMENT_FIELDS.map((f) => `"${f}"`).join(', ')}`);
    }
  }
  if (s.Sid !== undefined && typeof s.Sid !== 'string') {
    throw new PolicyParseError(`${path}.Sid: expected a string, got ${describeJson(s.Sid)}`);
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
    throw new PolicyParseError(`${path}.Effect: expected "Allow" or "Deny", got ${describeJson(s.Effect)}`);
  }
  if ((s.Principal === undefined) === (s.NotPrincipal === undefined)) {
    throw new PolicyParseError(`${path}: expected exactly one of "Principal" and "NotPrincipal"`);
  }
  if ((s.Action === undefined) === (s.NotAction === undefined)) {
    throw new PolicyParseError(`${path}: expected exactly one of "Action" and "NotAction"`);
  }
  // Copy field by field in the source order, so the size of the parsed document matches the source.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(s)) {
    const value = s[key];
    const fieldPath = `${path}.${key}`;
    if (key === 'Principal' || key === 'NotPrincipal') out[key] = validatePrincipal(value, fieldPath);
    else if (key === 'Action' || key === 'NotAction') out[key] = validateStrings(value, fieldPath, 'an action');
    else if (key === 'Condition') out[key] = validateCondition(value, fieldPath);
    else out[key] = value;
  }
  return out as unknown as PolicyStatement;
}

function validatePrincipal(p: unknown, path: string): PolicyPrincipal {
  if (p === '*') return p;
  if (!isPlainObject(p)) {
    throw new PolicyParseError(`${path}: expected "*" or an object like {"Federated": "arn:…"}, got ${describeJson(p)}`);
  }
  const out: Record<string, string | readonly string[]> = {};
  for (const key of Object.keys(p)) {
    if (!PRINCIPAL_TYPES.includes(key)) {
      throw new PolicyParseError(`${path}.${key}: unknown principal type; expected one of ${PRINCIPAL_TYPES.map((t) => `"${t}"`).join(', ')}`);
    }
    out[key] = validateStrings(p[key], `${path}.${key}`, 'a principal');
  }
  return out;
}

function validateStrings(v: unknown, path: string, what: string): string | readonly string[] {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new PolicyParseError(`${path}: expected ${what} as a string or a list of strings, got ${describeJson(v)}`);
}

function validateCondition(c: unknown, path: string): ConditionBlock {
  if (!isPlainObject(c)) {
    throw new PolicyParseError(`${path}: expected an object of condition operators, e.g. {"StringEquals": {…}}, got ${describeJson(c)}`);
  }
  const out: Record<string, Record<string, ConditionValue>> = {};
  for (const operator of Object.keys(c)) {
    const block = c[operator];
    const opPath = `${path}.${operator}`;
    if (!isPlainObject(block)) {
      throw new PolicyParseError(`${opPath}: expected an object of condition keys and values, got ${describeJson(block)}`);
    }
    out[operator] = {};
    for (const key of Object.keys(block)) {
      out[operator][key] = validateConditionValue(block[key], jsonPath(opPath, key));
    }
  }
  return out;
}

function validateConditionValue(v: unknown, path: string): ConditionValue {
  // IAM compares every condition value as text: numbers become strings, a boolean stays a boolean for size.
  const scalar = (x: unknown): string | undefined =>
    typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined;
  if (typeof v === 'boolean') return v;
  const one = scalar(v);
  if (one !== undefined) return one;
  if (Array.isArray(v)) {
    const list = v.map(scalar);
    if (list.every((x): x is string => x !== undefined)) return list;
  }
  throw new PolicyParseError(`${path}: expected a string, a boolean or a list of strings, got ${describeJson(v)}`);
}

/**
 * The federated principals (identity provider ARNs) a `Principal` element names: none for `"*"` or an
 * absent principal, the one or many `Federated` entries otherwise. The one reading of `Principal.Federated`,
 * which IAM accepts as a string or a list.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity
 */
export function federatedPrincipals(p: PolicyPrincipal | undefined): readonly string[] {
  if (p === undefined || p === '*') return [];
  const f = p.Federated;
  return f === undefined ? [] : typeof f === 'string' ? [f] : f;
}
