/**
 * IAM condition operators: parsing an operator name and evaluating one condition key against a request.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import { expandPolicyValue, matchPattern, splitArn, tokensText, VariableLookup } from './iam-string';

/** A request value as IAM sees it: absent, one string, or a multivalued key. */
export type RequestValue = string | readonly string[] | undefined;

/** `true` / `false` for a comparison; `undefined` when a side is not of the operator's type (never a match). */
type Compare = (requestValue: string, policyValue: string, lookup: VariableLookup) => boolean | undefined;

interface BaseOperator {
  /** Canonical name, e.g. `StringNotLike`. */
  readonly name: string;
  /** Negated operators (`…Not…`) are true for a missing key and require every policy value to differ. */
  readonly negated: boolean;
  /** The positive comparison (the negated operator inverts it). */
  readonly compare: Compare;
}

/** An operator name split into its parts: `ForAnyValue:StringLikeIfExists` → set, base, ifExists. */
export interface ParsedOperator {
  readonly raw: string;
  readonly set?: 'ForAllValues' | 'ForAnyValue';
  /** The base name as written, without set prefix or `IfExists`. */
  readonly baseName: string;
  /** `undefined` for an operator this evaluator does not know. */
  readonly base?: BaseOperator;
  readonly ifExists: boolean;
  readonly negated: boolean;
  readonly isNull: boolean;
}

const string = (wildcards: boolean, ignoreCase: boolean): Compare => (v, p, lookup) => {
  // An …Equals value without a variable to expand is its own text: compared as is (the common case, and hot).
  if (!wildcards && !(lookup !== undefined && p.includes('${'))) return ignoreCase ? p.toLowerCase() === v.toLowerCase() : p === v;
  const tokens = expandPolicyValue(p, wildcards, lookup);
  if (!tokens) return undefined;
  if (wildcards) return matchPattern(tokens, v, ignoreCase);
  const text = tokensText(tokens);
  return ignoreCase ? text.toLowerCase() === v.toLowerCase() : text === v;
};

// ArnEquals and ArnLike both compare the six `:`-separated components separately, each with wildcards.
const arn: Compare = (v, p, lookup) => {
  const policy = splitArn(p);
  const request = v.split(':');
  if (!policy || request.length < 6) return undefined;
  const requestParts = [...request.slice(0, 5), request.slice(5).join(':')];
  for (let i = 0; i < 6; i++) {
    const tokens = expandPolicyValue(policy[i], true, lookup);
    if (!tokens) return undefined;
    if (!matchPattern(tokens, requestParts[i], false)) return false;
  }
  return true;
};

const bool: Compare = (v, p, lookup) => {
  const tokens = expandPolicyValue(p, false, lookup);
  const policy = tokens && tokensText(tokens).toLowerCase();
  const request = v.toLowerCase();
  if ((policy !== 'true' && policy !== 'false') || (request !== 'true' && request !== 'false')) return undefined;
  return policy === request;
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const numeric = (test: (a: number, b: number) => boolean): Compare => (v, p) =>
  NUMBER.test(v.trim()) && NUMBER.test(p.trim()) ? test(Number(v), Number(p)) : undefined;

// Dates are ISO 8601 or epoch seconds.
const toTime = (s: string): number | undefined => {
  const t = /^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
};
const date = (test: (a: number, b: number) => boolean): Compare => (v, p) => {
  const a = toTime(v);
  const b = toTime(p);
  return a === undefined || b === undefined ? undefined : test(a, b);
};

const eq = (a: number, b: number) => a === b;
const lt = (a: number, b: number) => a < b;
const le = (a: number, b: number) => a <= b;
const gt = (a: number, b: number) => a > b;
const ge = (a: number, b: number) => a >= b;

const BASE_OPERATORS: readonly BaseOperator[] = [
  { name: 'StringEquals', negated: false, compare: string(false, false) },
  { name: 'StringNotEquals', negated: true, compare: string(false, false) },
  { name: 'StringEqualsIgnoreCase', negated: false, compare: string(false, true) },
  { name: 'StringNotEqualsIgnoreCase', negated: true, compare: string(false, true) },
  { name: 'StringLike', negated: false, compare: string(true, false) },
  { name: 'StringNotLike', negated: true, compare: string(true, false) },
  { name: 'ArnEquals', negated: false, compare: arn },
  { name: 'ArnLike', negated: false, compare: arn },
  { name: 'ArnNotEquals', negated: true, compare: arn },
  { name: 'ArnNotLike', negated: true, compare: arn },
  { name: 'Bool', negated: false, compare: bool },
  { name: 'NumericEquals', negated: false, compare: numeric(eq) },
  { name: 'NumericNotEquals', negated: true, compare: numeric(eq) },
  { name: 'NumericLessThan', negated: false, compare: numeric(lt) },
  { name: 'NumericLessThanEquals', negated: false, compare: numeric(le) },
  { name: 'NumericGreaterThan', negated: false, compare: numeric(gt) },
  { name: 'NumericGreaterThanEquals', negated: false, compare: numeric(ge) },
  { name: 'DateEquals', negated: false, compare: date(eq) },
  { name: 'DateNotEquals', negated: true, compare: date(eq) },
  { name: 'DateLessThan', negated: false, compare: date(lt) },
  { name: 'DateLessThanEquals', negated: false, compare: date(le) },
  { name: 'DateGreaterThan', negated: false, compare: date(gt) },
  { name: 'DateGreaterThanEquals', negated: false, compare: date(ge) },
];
const BY_NAME = new Map(BASE_OPERATORS.map((o) => [o.name.toLowerCase(), o]));

/** Splits an operator name; IAM reads operator names without regard to case. */
export function parseOperator(raw: string): ParsedOperator {
  const colon = raw.indexOf(':');
  const prefix = colon === -1 ? undefined : raw.slice(0, colon).toLowerCase();
  const set = prefix === 'forallvalues' ? 'ForAllValues' : prefix === 'foranyvalue' ? 'ForAnyValue' : undefined;
  let baseName = colon === -1 ? raw : raw.slice(colon + 1);
  const ifExists = baseName.toLowerCase().endsWith('ifexists');
  if (ifExists) baseName = baseName.slice(0, -'IfExists'.length);
  const known = prefix !== undefined && set === undefined ? undefined : BY_NAME.get(baseName.toLowerCase());
  const isNull = baseName.toLowerCase() === 'null';
  // Unknown operators count as negated when their name says so (NotIpAddress), for the missing-key rule.
  const negated = known ? known.negated : /not/i.test(baseName);
  return { raw, set, baseName, base: known, ifExists, negated, isNull };
}

/**
 * Evaluates one condition key: the request's value for the key against the policy's values (any of which may match).
 */
export function evaluateCondition(
  op: ParsedOperator,
  policyValues: readonly string[],
  requestValue: RequestValue,
  lookup: VariableLookup,
): boolean {
  if (op.isNull) {
    // Null ignores set operators: "true" asks for the key to be absent, "false" for it to be present.
    const goal = requestValue === undefined ? 'true' : 'false';
    return policyValues.some((v) => v.toLowerCase() === goal);
  }
  if (op.set === 'ForAllValues') {
    // True for a missing key or an empty set: every one of zero values matches.
    if (requestValue === undefined) return true;
    return asList(requestValue).every((v) => testOne(op, v, policyValues, lookup));
  }
  if (op.set === 'ForAnyValue') {
    // False for a missing key, unless IfExists makes a missing key true (its documented meaning for any operator).
    if (requestValue === undefined) return op.ifExists;
    return asList(requestValue).some((v) => testOne(op, v, policyValues, lookup));
  }
  if (requestValue === undefined) return op.ifExists || op.negated;
  // A single-valued operator never matches a multivalued key: that needs ForAllValues / ForAnyValue.
  if (typeof requestValue !== 'string') return false;
  return testOne(op, requestValue, policyValues, lookup);
}

function testOne(op: ParsedOperator, v: string, policyValues: readonly string[], lookup: VariableLookup): boolean {
  if (!op.base) return false;
  const results = policyValues.map((p) => op.base!.compare(v, p, lookup));
  return op.negated ? results.every((r) => r === false) : results.some((r) => r === true);
}

function asList(v: string | readonly string[]): readonly string[] {
  return typeof v === 'string' ? [v] : v;
}

/** The values of a condition entry as strings (a JSON boolean becomes `"true"` / `"false"`). */
export function conditionValues(value: string | readonly string[] | boolean): string[] {
  if (typeof value === 'boolean') return [String(value)];
  return typeof value === 'string' ? [value] : [...value];
}
