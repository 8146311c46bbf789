import { oidcProviderArnFor } from '@lockstep/model';

/** Values of CloudFormation's pseudo parameters for one stack, when known. */
export interface PseudoParameters {
  readonly 'AWS::AccountId'?: string;
  readonly 'AWS::Region'?: string;
  readonly 'AWS::Partition'?: string;
  readonly 'AWS::URLSuffix'?: string;
  readonly 'AWS::StackName'?: string;
}

/** Providers whose Url refers to another provider's ARN, in a row: a real template has one, with no reference. */
const MAX_PROVIDER_CHAIN = 16;

/** Thrown when a value depends on something only known at deploy time; the message says what. */
export class UnresolvedIntrinsic extends Error {}

type Resources = Readonly<Record<string, { Type?: unknown; Properties?: Record<string, unknown> }>>;

/**
 * Replaces the intrinsic functions a synthesized trust policy uses (`Ref`, `Fn::Join`, `Fn::Sub`,
 * `Fn::GetAtt` of an OIDC provider, `Fn::Select`, `Fn::Split`) with their values, so the document can be
 * evaluated like a deployed one.
 *
 * @throws UnresolvedIntrinsic when a pseudo parameter is unknown or a function depends on deploy-time state.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export function resolveIntrinsics(value: unknown, pseudo: PseudoParameters, template: { Resources?: Resources; Parameters?: Record<string, { Default?: unknown }> }): unknown {
  const resources: Resources = template.Resources ?? {};
  const parameters = template.Parameters ?? {};
  // A provider's ARN, once resolved; a provider whose Url is being resolved maps to undefined, so that a Url
  // that refers to its own provider (directly or around a cycle) is found instead of recursing without end.
  const providers = new Map<string, string | undefined>();
  let pending = 0;

  const ref = (name: string): string => {
    if (name.startsWith('AWS::')) {
      const v = (pseudo as Record<string, string | undefined>)[name];
      if (v === undefined) throw new UnresolvedIntrinsic(`{"Ref": "${name}"} (its value is known only at deploy time)`);
      return v;
    }
    const param = own(parameters, name);
    if (param !== undefined) {
      if (typeof param?.Default === 'string') return param.Default;
      throw new UnresolvedIntrinsic(`{"Ref": "${name}"} (a parameter without a default)`);
    }
    const resource = own(resources, name);
    if (resource !== undefined) return providerArn(name, resource) ?? fail(`{"Ref": "${name}"} (a ${String(resource.Type)})`);
    throw new UnresolvedIntrinsic(`{"Ref": "${name}"} (no such parameter or resource)`);
  };

  const providerArn = (name: string, resource: Resources[string]): string | undefined => {
    // Ref of AWS::IAM::OIDCProvider (and of CDK's custom-resource provider) is the provider's ARN.
    if (resource?.Type !== 'AWS::IAM::OIDCProvider' && resource?.Type !== 'Custom::AWSCDKOpenIdConnectProvider') return undefined;
    if (providers.has(name)) {
      const known = providers.get(name);
      if (known === undefined) throw new UnresolvedIntrinsic(`the Url of ${name}, which refers to ${name} itself`);
      return known;
    }
    if (++pending > MAX_PROVIDER_CHAIN) throw new UnresolvedIntrinsic(`the Url of ${name}, at the end of a chain of more than ${MAX_PROVIDER_CHAIN} providers`);
    providers.set(name, undefined);
    try {
      const url = resolve(resource.Properties?.Url);
      if (typeof url !== 'string') throw new UnresolvedIntrinsic(`the Url of ${name}`);
      const arn = oidcProviderArnFor(ref('AWS::Partition'), ref('AWS::AccountId'), url.replace(/^https:\/\//, ''));
      providers.set(name, arn);
      return arn;
    } catch (e) {
      providers.delete(name);
      throw e;
    } finally {
      pending--;
    }
  };

  const fail = (what: string): never => {
    throw new UnresolvedIntrinsic(what);
  };

  const resolve = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(resolve);
    if (typeof v !== 'object' || v === null) return v;
    const keys = Object.keys(v);
    const o = v as Record<string, unknown>;
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      const arg = o[keys[0]];
      switch (keys[0]) {
        case 'Ref':
          return typeof arg === 'string' ? ref(arg) : fail('a Ref that is not a name');
        case 'Fn::Join': {
          const [delimiter, parts] = Array.isArray(arg) ? arg : [];
          const list = resolve(parts);
          if (typeof delimiter !== 'string' || !Array.isArray(list)) return fail('a malformed Fn::Join');
          return list.map((p) => (typeof p === 'string' ? p : fail('a Fn::Join of a non-string'))).join(delimiter);
        }
        case 'Fn::Sub': {
          const [text, vars] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) ? arg : [undefined, {}];
          if (typeof text !== 'string') return fail('a malformed Fn::Sub');
          const resolved = resolve(vars ?? {});
          const resolvedVars = typeof resolved === 'object' && resolved !== null && !Array.isArray(resolved) ? (resolved as Record<string, unknown>) : {};
          return text.replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => {
            const given = own(resolvedVars, name);
            if (typeof given === 'string') return given;
            if (name.includes('.')) return fail(`\${${name}} in a Fn::Sub (an attribute known only at deploy time)`);
            return ref(name);
          });
        }
        case 'Fn::GetAtt': {
          const [name, attribute] = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split('.') : [];
          const resource = typeof name === 'string' ? own(resources, name) : undefined;
          if (resource !== undefined && attribute === 'Arn') {
            const arn = providerArn(name, resource);
            if (arn !== undefined) return arn;
          }
          return fail(`{"Fn::GetAtt": ${JSON.stringify(arg)}} (an attribute known only at deploy time)`);
        }
        case 'Fn::Select': {
          const [index, list] = Array.isArray(arg) ? [resolve(arg[0]), resolve(arg[1])] : [];
          const i = typeof index === 'string' ? Number(index) : index;
          if (typeof i !== 'number' || !Array.isArray(list) || i < 0 || i >= list.length) return fail('a malformed Fn::Select');
          return list[i];
        }
        case 'Fn::Split': {
          const [delimiter, text] = Array.isArray(arg) ? [arg[0], resolve(arg[1])] : [];
          if (typeof delimiter !== 'string' || typeof text !== 'string') return fail('a malformed Fn::Split');
          return text.split(delimiter);
        }
        default:
          return fail(`{"${keys[0]}": …} (not resolvable before deployment)`);
      }
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = resolve(o[k]);
    return out;
  };

  return resolve(value);
}

/** `map[key]` when the map has it as its own property (not `constructor`, `__proto__`, …). */
function own<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
