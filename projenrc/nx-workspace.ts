import { JsonFile, javascript } from 'projen';

/**
 * `nx.json`: which targets nx caches and what invalidates them.
 *
 * Named inputs keep documentation out of every cache key, so a README-only change affects no test.
 * `test` compiles nothing first (only the CLI's, whose bin runs compiled code: see .projenrc.ts), so a cold
 * `npm test` doesn't type-check and emit the dependencies it never loads.
 */
export function nxWorkspace(root: javascript.NodeProject): JsonFile {
  return new JsonFile(root, 'nx.json', {
    obj: {
      $schema: './node_modules/nx/schemas/nx-schema.json',
      defaultBase: 'main',
      namedInputs: {
        // Tests read the default config and check the committed generated files against it, so an edit
        // of either re-runs them all (a documentation change still runs none).
        sharedGlobals: [
          '{workspaceRoot}/tsconfig.base.json',
          '{workspaceRoot}/nx.json',
          '{workspaceRoot}/lockstep.config.ts',
          '{workspaceRoot}/apps/repos/**/*',
          '{workspaceRoot}/apps/infra/templates/**/*',
          '{workspaceRoot}/apps/infra/trust-policies/**/*',
          '{workspaceRoot}/.github/workflows/*',
          // Test fixtures are shared across packages (e.g. the seed config in packages/model/test/support).
          '{workspaceRoot}/packages/*/test/support/**/*',
          '{workspaceRoot}/tools/**/*',
        ],
        default: ['{projectRoot}/**/*', '!{projectRoot}/**/*.md', 'sharedGlobals'],
        production: ['default', '!{projectRoot}/test/**/*', '!{projectRoot}/jest.config.json'],
      },
      targetDefaults: {
        compile: {
          cache: true,
          dependsOn: ['^compile'],
          inputs: ['production', '^production'],
          outputs: ['{projectRoot}/lib'],
        },
        build: {
          cache: true,
          dependsOn: ['^build'],
          inputs: ['default', '^production'],
          outputs: ['{projectRoot}/lib'],
        },
        test: {
          cache: true,
          // Nothing: jest resolves the workspace packages to their TypeScript sources (workspace-package.ts),
          // so a package's tests need no compiled dependency. The CLI's tests, which run the bin as a process
          // (and the bin runs lib/ when it is up to date), compile what it runs first: see .projenrc.ts.
          dependsOn: [],
          // Which external checkers (and versions) this machine has: a result computed with shellcheck
          // is never replayed from the cache on a machine without it, where those tests are skipped.
          inputs: ['default', '^production', { runtime: 'node tools/checkers.cjs' }],
          outputs: [],
        },
      },
      tui: { enabled: false },
    },
    committed: true,
  });
}
