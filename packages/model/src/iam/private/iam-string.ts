/**
 * IAM's string matching: `*` and `?` wildcards, and policy variables (`${key}`, `${key, 'default'}`,
 * `${*}`, `${?}`, `${$}`).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

/** One piece of an expanded policy value: literal text, `*` (any run of characters) or `?` (exactly one). */
export type PatternToken = string | typeof STAR | typeof ONE;

export const STAR = Symbol('*');
export const ONE = Symbol('?');

/** Resolves policy variables; `undefined` when variables are not interpreted (policy Version 2008-10-17). */
export type VariableLookup = ((name: string) => string | undefined) | undefined;

/**
 * Expands a policy value into literal text and wildcards. With `wildcards` false (the `…Equals` operators)
 * `*` and `?` are literal characters. Returns `undefined` when a variable has no value and no default:
 * IAM then treats the value as matching nothing.
 */
export function expandPolicyValue(value: string, wildcards: boolean, lookup: VariableLookup): PatternToken[] | undefined {
  const tokens: PatternToken[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') tokens.push(text);
    text = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (lookup && c === '$' && value[i + 1] === '{') {
      const end = value.indexOf('}', i + 2);
      if (end !== -1) {
        const resolved = resolveVariable(value.slice(i + 2, end), lookup);
        if (resolved === undefined) return undefined;
        text += resolved;
        i = end;
        continue;
      }
    }
    if (wildcards && (c === '*' || c === '?')) {
      flush();
      tokens.push(c === '*' ? STAR : ONE);
    } else {
      text += c;
    }
  }
  flush();
  return tokens;
}

function resolveVariable(inner: string, lookup: (name: string) => string | undefined): string | undefined {
  // The three escapes let a policy write a literal wildcard or dollar sign.
  if (inner === '*' || inner === '?' || inner === '$') return inner;
  const comma = inner.indexOf(',');
  const name = (comma === -1 ? inner : inner.slice(0, comma)).trim();
  const fallback = comma === -1 ? undefined : /^\s*'(.*)'\s*$/.exec(inner.slice(comma + 1));
  const value = lookup(name);
  if (value !== undefined) return value;
  return fallback ? fallback[1] : undefined;
}

/** Whether `input` matches the expanded pattern; `*` spans any characters including `/` and `:`. */
export function matchPattern(tokens: readonly PatternToken[], input: string, ignoreCase: boolean): boolean {
  if (tokens.every((t) => typeof t === 'string')) return sameUnits(tokens.join(''), input, ignoreCase);
  // Flatten to one element per character so the classic linear backtracking glob match applies.
  const pattern: Array<string | symbol> = [];
  for (const t of tokens) {
    if (typeof t === 'string') for (const ch of splitUnits(t)) pattern.push(ignoreCase ? ch.toLowerCase() : ch);
    else pattern.push(t);
  }
  const text = splitUnits(input).map((ch) => (ignoreCase ? ch.toLowerCase() : ch));
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < text.length) {
    if (p < pattern.length && (pattern[p] === ONE || pattern[p] === text[s])) {
      p++;
      s++;
    } else if (p < pattern.length && pattern[p] === STAR) {
      starP = p++;
      starS = s;
    } else if (starP !== -1) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === STAR) p++;
  return p === pattern.length;
}

/** Whether two texts are equal code unit by code unit (each lowercased on its own with `ignoreCase`), as the glob match compares them. */
function sameUnits(a: string, b: string, ignoreCase: boolean): boolean {
  if (!ignoreCase || a === b) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && a[i].toLowerCase() !== b[i].toLowerCase()) return false;
  }
  return true;
}

/** Literal text of tokens expanded without wildcards. */
export function tokensText(tokens: readonly PatternToken[]): string {
  return tokens.map((t) => (typeof t === 'string' ? t : t === STAR ? '*' : '?')).join('');
}

// IAM matches one UTF-16 code unit per `?`, as Java strings (and JavaScript strings) index them.
function splitUnits(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s[i]);
  return out;
}

/** Splits a policy ARN into its six components at `:` outside `${…}` variables; the sixth keeps any further `:`. */
export function splitArn(value: string): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '$' && value[i + 1] === '{') {
      const end = value.indexOf('}', i + 2);
      if (end !== -1) {
        current += value.slice(i, end + 1);
        i = end;
        continue;
      }
    }
    if (c === ':' && parts.length < 5) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.length === 6 ? parts : undefined;
}
