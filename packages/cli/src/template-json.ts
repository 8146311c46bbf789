import { InputError } from './cli-error';
import { checkShape } from './input-limits';

/** A CloudFormation template, as far as reading its roles needs it. */
export interface Template {
  readonly Resources: Readonly<Record<string, { Type?: unknown; Properties?: Record<string, unknown> }>>;
  readonly Parameters?: Readonly<Record<string, { Default?: unknown }>>;
}

/**
 * True for JSON that is a whole CloudFormation template (it has `Resources` and no `Statement`), as opposed to
 * a policy document or one resource.
 */
export function isTemplate(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'Resources' in value && !('Statement' in value);
}

/**
 * Parses the text of a synthesized CloudFormation template (JSON), checking the shape its readers rely on:
 * `Resources` a map of resource objects, `Parameters` (when present) a map of parameter objects, each
 * `Properties` an object; nested at most {@link INPUT_LIMITS}.depth levels.
 * @throws InputError naming the file and the field when the text is not such a template.
 */
export function parseTemplate(text: string, shown: string): Template {
  let template: unknown;
  try {
    template = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${shown}: not a JSON CloudFormation template (${(e as Error).message.split('\n')[0]})`);
  }
  const resources = (template as { Resources?: unknown } | null)?.Resources;
  if (!isMap(resources)) {
    throw new InputError(`${shown}: not a CloudFormation template (no "Resources")`);
  }
  checkShape(template, shown, 'template');
  for (const [id, resource] of Object.entries(resources)) {
    if (!isMap(resource)) throw new InputError(`${shown}: Resources.${id}: expected a resource object with "Type", got ${describe(resource)}`);
    if (resource.Properties !== undefined && !isMap(resource.Properties)) {
      throw new InputError(`${shown}: Resources.${id}.Properties: expected an object, got ${describe(resource.Properties)}`);
    }
  }
  const parameters = (template as { Parameters?: unknown }).Parameters;
  if (parameters !== undefined) {
    if (!isMap(parameters)) throw new InputError(`${shown}: Parameters: expected an object of parameters, got ${describe(parameters)}`);
    for (const [name, parameter] of Object.entries(parameters)) {
      if (!isMap(parameter)) throw new InputError(`${shown}: Parameters.${name}: expected a parameter object with "Type", got ${describe(parameter)}`);
    }
  }
  return template as Template;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'string' ? 'a string' : typeof v;
}
