import { DEFAULT_SCHEMA, load, Type, YAMLException } from 'js-yaml';
import { InputError } from './cli-error';
import { checkShape, depthMessage, INPUT_LIMITS, isStackOverflow } from './input-limits';
import { readTextFile } from './read-text-file';

/** CloudFormation's short intrinsic tags (`!Ref`, `!Sub`, …), as the long form a JSON template writes. */
const INTRINSICS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or'];

const longForm = (name: string) => (['Ref', 'Condition'].includes(name) ? name : `Fn::${name}`);
const tagTypes = [...INTRINSICS, 'Ref', 'Condition', 'GetAtt'].flatMap((name) => (['scalar', 'sequence', 'mapping'] as const).map((kind) =>
  new Type(`!${name}`, {
    kind,
    // `!GetAtt Fn.Arn` is the scalar form of `Fn::GetAtt: [Fn, Arn]`.
    construct: (data: unknown) => ({
      [longForm(name)]: name === 'GetAtt' && typeof data === 'string' ? [data.slice(0, data.indexOf('.')), data.slice(data.indexOf('.') + 1)] : data,
    }),
  })));

/**
 * The YAML schema of SAM and CloudFormation templates: YAML 1.1 defaults plus the short intrinsic tags.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
const CFN_SCHEMA = DEFAULT_SCHEMA.extend(tagTypes);

/**
 * Reads a SAM or CloudFormation template (YAML with short intrinsic tags, or JSON), bounded as
 * {@link INPUT_LIMITS} says; a file problem is an InputError naming it and the limit.
 */
export function readSamTemplate(file: string, shown: string): unknown {
  const text = readTextFile(file, 'template', shown);
  let template: unknown;
  try {
    // JSON is YAML; the YAML reader gives the same objects.
    template = load(text, { schema: CFN_SCHEMA, filename: shown });
  } catch (e) {
    if (isStackOverflow(e)) throw new InputError(depthMessage(shown, 'template'));
    if (e instanceof YAMLException) throw new InputError(`${shown}: not a YAML or JSON template: ${e.reason}${e.mark ? ` (line ${e.mark.line + 1})` : ''}`);
    throw e;
  }
  checkShape(template, shown, 'template', INPUT_LIMITS.values);
  return template;
}
