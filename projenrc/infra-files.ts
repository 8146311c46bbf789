import type * as Infra from '@lockstep/infra';
import { exportedTrustPolicies, exportedTrustPolicyFile, LAYOUT, relativeTo, templateFile, type ResolvedConfig } from '@lockstep/model';
import type { RenderingReuse } from '@lockstep/projen';
import { JsonFile, TextFile, type IResolver, type JsonFileOptions, type Project } from 'projen';
import { cachedInfraSynthesis } from './infra-synthesis-cache';

/** A generated file of apps/infra, relative to apps/infra (its projen subproject writes it). */
const inInfra = (file: string) => relativeTo(LAYOUT.infraDir, file);

/**
 * Writes apps/infra's generated files: the synthesized CloudFormation template of every stack
 * (`templates/<stack>.template.json`), the trust policy of every role managed elsewhere
 * (`trust-policies/<role>.json`, which Terraform reads with `file()`), and `cdk.json`.
 *
 * An environment with nothing to create has no stack, hence no template (see `createInfraApp`). When an
 * environment loses its last resource (e.g. switched to Option A), its template is no longer written,
 * and projen deletes it: every file written here is listed in apps/infra/.projen/files.json, and projen
 * removes the listed files that a synthesis no longer writes. The same holds for the trust policy of a
 * role that is no longer exported.
 *
 * The CDK app is synthesized in this process, not through `cdk synth`, and only the stacks whose inputs
 * changed since the last regeneration (see `cachedInfraSynthesis`). The templates
 * and trust policies are committed so that a pull request shows every IAM change, and therefore are
 * NOT marked `linguist-generated` (GitHub would collapse them in the diff). They carry no `//` marker
 * key: CloudFormation rejects unknown top-level template keys and IAM unknown policy elements; the
 * template's `Description` and the trust-policies README name their source instead.
 */
export function infraFiles(root: Project, config: ResolvedConfig, reuse: RenderingReuse): void {
  const infra = root.subprojects.find((p) => p.name === '@lockstep/infra');
  if (infra === undefined) throw new Error('infraFiles: the @lockstep/infra subproject (apps/infra) is not defined');

  const reviewable = (file: JsonFile) => {
    infra.gitattributes.removeAttributes(`/${file.path}`, 'linguist-generated');
    infra.gitattributes.addAttributes(`/${file.path}`, '-linguist-generated');
  };

  // aws-cdk-lib is loaded only when the synthesis isn't cached: most regenerations don't touch IAM.
  // cdk-nag runs in the infra tests (which check every committed template), in CI and in `cdk synth`,
  // not on every regeneration: see apps/infra/README.md.
  const templates = cachedInfraSynthesis(root.outdir, config, reuse, (only) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { synthesizeInfra } = require('@lockstep/infra') as typeof Infra;
    return synthesizeInfra(config, { nag: false, only });
  });
  // A StackSet environment's instance template is committed beside its stack's, for review and `lockstep check`.
  for (const template of templates) {
    const options = { marker: false, committed: true, readonly: true };
    reviewable(new WrittenJsonFile(infra, inInfra(templateFile(template.name)), options, template.text));
  }

  const exported = exportedTrustPolicies(config);
  for (const policy of exported) {
    reviewable(new JsonFile(infra, inInfra(exportedTrustPolicyFile(policy.roleName)), {
      obj: policy.trustPolicy,
      marker: false,
      committed: true,
      readonly: true,
    }));
  }
  if (exported.length > 0) {
    new TextFile(infra, inInfra(`${LAYOUT.trustPoliciesDir}/README.md`), { lines: trustPoliciesReadme(exported), committed: true, readonly: true });
  }

  new JsonFile(infra, 'cdk.json', {
    obj: {
      // tsx compiles the app and the workspace packages' sources on the fly; tsconfig.projen.json maps the
      // package names to those sources, so `cdk synth` needs no build first.
      app: 'npx tsx --tsconfig ../../tsconfig.projen.json src/main.ts',
      // The same settings as the in-process synthesis: deterministic, offline templates.
      versionReporting: false,
      pathMetadata: false,
      assetMetadata: false,
      // Offline: no notices fetched, no CLI telemetry sent.
      notices: false,
      context: { 'cli-telemetry': false },
    },
    committed: true,
    readonly: true,
  });
}

/**
 * A JsonFile whose text is already known: written by projen in an earlier run from the same inputs, or
 * printed as projen prints it (see `cachedInfraSynthesis`, `jsonFileText`). A JsonFile still, so that its
 * side effects on the project (.gitignore, .gitattributes, files.json) are a JsonFile's, but its content is
 * the text given.
 */
class WrittenJsonFile extends JsonFile {
  constructor(project: Project, filePath: string, options: Omit<JsonFileOptions, 'obj'>, private readonly text: string) {
    super(project, filePath, { ...options, obj: {} });
  }

  protected override synthesizeContent(_resolver: IResolver): string {
    return this.text;
  }
}

function trustPoliciesReadme(exported: ReturnType<typeof exportedTrustPolicies>): string[] {
  return [
    '<!-- ~~ Generated by projen from lockstep.config.ts. To modify, edit lockstep.config.ts and run "npx projen". -->',
    '# Trust policies of roles managed elsewhere',
    '',
    'Lockstep does not create these roles; the code that owns them applies these trust policies unchanged,',
    'so the repositories mapped to a role in `lockstep.config.ts` are exactly the ones it trusts.',
    '`npx lockstep check` compares them with the live roles.',
    '',
    '| role | environment | managed by | file |',
    '|---|---|---|---|',
    ...exported.map((p) => `| \`${p.roleArn}\` | ${p.environment} | ${p.managedBy} | [${p.roleName}.json](./${p.roleName}.json) |`),
    '',
    'Terraform reads the file directly (path relative to the Terraform module that owns the role):',
    '',
    '```hcl',
    ...exported.filter((p) => p.managedBy === 'terraform').flatMap((p) => [
      `resource "aws_iam_role" "${p.roleName.replace(/[^A-Za-z0-9_]/g, '_')}" {`,
      `  name               = "${p.roleName}"`,
      `  assume_role_policy = file("\${path.module}/<path to lockstep>/${exportedTrustPolicyFile(p.roleName)}")`,
      '}',
    ]),
    '```',
    '',
  ];
}
