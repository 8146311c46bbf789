// The text of template files as projen writes them, from what `synthesizeInfra` returns: shared by the
// in-process synthesis and the synthesis worker (see `cachedInfraSynthesis`).

/** One template file of the plan (a stack's, or a StackSet environment's instance template), as projen's JsonFile writes it. */
export interface TemplateText {
  /** The template's name: `templateFile(name)` is its file. */
  readonly name: string;
  readonly text: string;
}

/** What `synthesizeInfra` returns per stack, as far as the cache reads it. */
export interface SynthesizedTemplates {
  readonly stackName: string;
  readonly template: Record<string, unknown>;
  readonly stackSet?: { readonly name: string; readonly template: Record<string, unknown> };
}

/** Each synthesized stack's template file, then its StackSet instance template's, as projen's JsonFile writes them. */
export function templateTexts(stacks: readonly SynthesizedTemplates[]): TemplateText[] {
  return stacks.flatMap((s) => [
    { name: s.stackName, text: jsonFileText(s.template) },
    ...(s.stackSet !== undefined ? [{ name: s.stackSet.name, text: jsonFileText(s.stackSet.template) }] : []),
  ]);
}

/**
 * The text projen's JsonFile writes for a parsed JSON value with `marker: false` (and no overrides or
 * patches): projen 0.103.25 resolves the object (lib/_resolve.js `resolve`: drops `null` and `undefined`
 * array elements and `undefined` properties; JSON data has nothing else it changes), prints it with
 * two-space indentation (lib/object-file.js `ObjectFile.synthesizeContent`), parses and prints it again
 * and appends a newline (lib/json.js `JsonFile.synthesizeContent`). Parsing and printing JSON text gives
 * the same text, so printing the resolved value once is the same bytes.
 */
export function jsonFileText(value: unknown): string {
  return `${JSON.stringify(resolvedJson(value), undefined, 2)}\n`;
}

function resolvedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolvedJson).filter((x) => x !== null && x !== undefined);
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const resolved = resolvedJson(v);
      if (resolved !== undefined) result[k] = resolved;
    }
    return result;
  }
  return value;
}

