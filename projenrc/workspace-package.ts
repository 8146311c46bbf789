import * as path from 'node:path';
import { javascript, typescript } from 'projen';
import { fastTaskPath } from './fast-task-path';
import { RootInstall } from './root-install-only';
import { RootProjenrc } from './root-projenrc';
import { VERSIONS } from './versions';

/** The workspace packages every package may depend on, by npm name → folder from the root. */
export const WORKSPACE_PACKAGES: Record<string, string> = {
  '@lockstep/model': 'packages/model',
  '@lockstep/projen': 'packages/projen',
  '@lockstep/constructs': 'packages/constructs',
  '@lockstep/cli': 'packages/cli',
  '@lockstep/infra': 'apps/infra',
};

/** Options for {@link workspacePackage}. */
export interface WorkspacePackageOptions {
  /** npm name, e.g. `@lockstep/model`. */
  readonly name: string;
  /** Folder from the repository root, e.g. `packages/model`. */
  readonly outdir: string;
  /** One sentence for package.json. */
  readonly description: string;
  /** Runtime dependencies, `name@version`. @default none */
  readonly deps?: string[];
  /** Development dependencies, `name@version`. @default none */
  readonly devDeps?: string[];
}

/**
 * A TypeScript package of the monorepo: compiled by `tsc` in `build`, tested by jest through
 * @swc/jest (no type-checking in tests: that is `tsc`'s job, and it makes CDK test files several times faster).
 *
 * Workspace dependencies resolve to their TypeScript sources in jest, so testing a package never
 * needs its dependencies built first.
 */
export function workspacePackage(root: javascript.NodeProject, options: WorkspacePackageOptions): typescript.TypeScriptProject {
  const toRoot = path.relative(options.outdir, '.');
  const project = new typescript.TypeScriptProject({
    parent: root,
    outdir: options.outdir,
    name: options.name,
    packageName: options.name,
    description: options.description,
    defaultReleaseBranch: 'main',
    packageManager: javascript.NodePackageManager.NPM,
    projenrcTs: false,
    projenrcJson: false,
    licensed: false,
    typescriptVersion: VERSIONS.typescript,
    deps: options.deps,
    devDeps: [
      `@swc/jest@${VERSIONS.swcJest}`,
      `@swc/core@${VERSIONS.swcCore}`,
      ...(options.devDeps ?? []),
    ],
    jest: true,
    jestOptions: {
      jestVersion: VERSIONS.jest,
      updateSnapshot: javascript.UpdateSnapshot.NEVER,
      junitReporting: false,
      jestConfig: {
        collectCoverage: false,
        moduleNameMapper: Object.fromEntries(
          Object.entries(WORKSPACE_PACKAGES).map(([name, dir]) => [`^${name}$`, `<rootDir>/${toRoot}/${dir}/src`]),
        ),
      },
    },
    eslint: false,
    prettier: false,
    github: false,
    release: false,
    package: false,
    depsUpgrade: false,
    pullRequestTemplate: false,
    sampleCode: false,
    npmignoreEnabled: false,
    minNodeVersion: '20.0.0',
    tsconfig: {
      extends: javascript.TypescriptConfigExtends.fromPaths([`${toRoot}/tsconfig.base.json`]),
      compilerOptions: {
        rootDir: 'src',
        outDir: 'lib',
      },
    },
    // test/tsconfig.json extends the package's tsconfig.json, which extends the base.
    // rootDir reaches the repository root: tests may import the root lockstep.config.ts.
    tsconfigDev: { compilerOptions: { rootDir: `${toRoot}/..` } },
  });

  // @swc/jest instead of ts-jest: see the TSDoc above.
  project.deps.removeDependency('ts-jest');
  project.jest!.config.transform = {
    '^.+\\.tsx?$': new javascript.Transform('@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    }),
  };
  // Tests run untyped under @swc/jest; `build` type-checks them.
  project.postCompileTask.exec(`tsc --noEmit -p ${project.tsconfigDev.fileName}`);
  fastTaskPath(project);
  RootInstall.of(root).adopt(project);
  new RootProjenrc(project);
  return project;
}
