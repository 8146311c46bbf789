import type { z } from 'zod';
import type { LockstepConfig } from '../config';
import type { RefusedPath } from './issue-list';
import { closestChoice } from './suggest';
import { valueAt } from './value-at';

/** A config whose refused parts were taken out, and where they were. */
export interface Salvaged {
  /** The input without its unknown keys and refused values; required ones hold stand-ins. */
  readonly config: LockstepConfig;
  /** Where the structure check refused a value (see `IssueList.refused`). */
  readonly refused: readonly RefusedPath[];
}

/** The records whose entries are named by the person: a refused entry keeps its name. */
const NAMED_ENTRIES = new Set(['environments', 'roles', 'repos']);

/**
 * What the content rules can still check in a config whose structure was refused, so that a structure
 * error in one place doesn't hide a content error in another: the input with its unknown keys removed,
 * each refused value taken out (an optional one left absent, a required one replaced by a stand-in that
 * is never judged), and the list of where that happened.
 *
 * A refused entry of `environments`, `roles` or `repos` keeps its name, so references to it don't turn
 * into "not configured" issues; a refused item of a list is stood in for by a valid sibling (or the whole
 * list is refused), so that the paths of the other items don't shift. An unknown key that is a misspelling
 * of an absent one (`permission` for `permissions`) refuses that one too: its absence is the same mistake.
 *
 * Returns undefined when nothing can be salvaged (the input is not an object), or when the result would
 * still not be well-formed (then only the structure issues are reported, as before).
 * @param schema the config schema, to find the valid keys next to an unknown one and to check the result
 */
export function salvage(schema: z.ZodType<LockstepConfig>, input: unknown, error: z.core.$ZodError): Salvaged | undefined {
  if (!isObject(input)) return undefined;
  const config = clone(input) as Record<string, unknown>;
  const refused: RefusedPath[] = [];
  // Refused list items by list, replaced once all of them are known (the stand-in must be a valid sibling).
  const refusedItems = new Map<string, { path: readonly PropertyKey[]; list: unknown[]; items: Set<number> }>();
  for (const issue of error.issues) {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      const holder = valueAt(config, path);
      if (!isObject(holder)) continue;
      const valid = objectKeysAt(schema, path);
      for (const key of issue.keys) {
        delete holder[key];
        const meant = closestChoice(key, valid);
        if (meant !== undefined && holder[meant] === undefined) refused.push({ path: [...path, meant], entry: false });
      }
      continue;
    }
    if (path.length === 0) return undefined;
    const holder = valueAt(config, path.slice(0, -1));
    const key = path[path.length - 1];
    if (Array.isArray(holder) && typeof key === 'number') {
      const listPath = path.slice(0, -1);
      const id = JSON.stringify(listPath.map(String));
      const refusedList = refusedItems.get(id) ?? refusedItems.set(id, { path: listPath, list: holder, items: new Set() }).get(id)!;
      refusedList.items.add(key);
      continue;
    }
    if (!isObject(holder)) continue;
    const entry = path.length === 2 && NAMED_ENTRIES.has(String(path[0]));
    refused.push({ path, entry });
    if (entry) holder[key as string] = {};
    else delete holder[key as string];
  }
  for (const { path, list, items } of refusedItems.values()) {
    const standIn = list.find((item, i) => !items.has(i) && typeof item === 'string');
    if (standIn === undefined) {
      refused.push({ path, entry: false });
      const holder = valueAt(config, path.slice(0, -1)) as Record<string, unknown>;
      delete holder[path[path.length - 1] as string];
      continue;
    }
    for (const i of items) {
      list[i] = standIn;
      refused.push({ path: [...path, i], entry: false });
    }
  }
  fillRequired(config);
  const again = schema.safeParse(config);
  return again.success ? { config: again.data, refused } : undefined;
}

/**
 * Stand-ins for the required values taken out, never judged: the rules skip refused locations, and an
 * issue reported at one is dropped.
 */
function fillRequired(config: Record<string, unknown>): void {
  const github = objectAt(config, 'github');
  if (typeof github.owner !== 'string') github.owner = 'OWNER';
  for (const env of Object.values(objectAt(config, 'environments'))) {
    // A StackSet environment has neither; its own required fields, when refused, fail the salvage.
    if (!isObject(env) || isObject(env.stackSet)) continue;
    if (typeof env.account !== 'string') env.account = '000000000000';
    if (typeof env.region !== 'string') env.region = 'us-east-1';
  }
  for (const role of Object.values(objectAt(config, 'roles'))) {
    if (isObject(role) && typeof role.environment !== 'string') role.environment = '';
  }
  for (const repo of Object.values(objectAt(config, 'repos'))) {
    if (!isObject(repo)) continue;
    if (typeof repo.role !== 'string') repo.role = '';
    const tests = repo.lambdaTests;
    if (!isObject(tests)) continue;
    objectAt(tests, 'on');
    if (typeof tests.testCommand !== 'string') tests.testCommand = '';
  }
}

/** The object at `holder[key]`, made an empty one when it is not an object. */
function objectAt(holder: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = holder[key];
  if (isObject(value)) return value;
  const made: Record<string, unknown> = {};
  holder[key] = made;
  return made;
}

/** The keys of the object schema at `path` (through records, lists and optionals), or none. */
function objectKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.core.$ZodType | undefined = schema;
  for (const segment of [...path, undefined]) {
    while (current?._zod.def.type === 'optional') current = (current._zod.def as z.core.$ZodOptionalDef).innerType;
    const def: z.core.$ZodTypeDef | undefined = current?._zod.def;
    if (segment === undefined) return def?.type === 'object' ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
    if (def?.type === 'object') current = (def as z.core.$ZodObjectDef).shape[segment as string];
    else if (def?.type === 'record') current = (def as z.core.$ZodRecordDef).valueType;
    else if (def?.type === 'array') current = (def as z.core.$ZodArrayDef).element;
    else return [];
  }
  return [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A copy of the plain objects and lists of a value, to take parts out of without touching the input. */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isObject(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  }
  return value;
}
