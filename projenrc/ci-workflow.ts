import { github, javascript } from 'projen';

/** Verified pin (REFERENCE.md §7). The runner's own Node.js is used: no setup-node pin to trust. */
const CHECKOUT = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1'; // v7.0.1, named in the step

/**
 * This repository's CI: regenerate, fail on drift, then build and test what the change affects.
 *
 * `fetch-depth: 0` because `nx affected` compares against the base branch's history.
 */
export function ciWorkflow(root: javascript.NodeProject): void {
  const workflow = root.github!.addWorkflow('ci');
  workflow.on({ pullRequest: {}, push: { branches: ['main'] }, workflowDispatch: {} });
  // Least privilege for the whole run (projen drops an empty `permissions: {}` override).
  workflow.file?.addOverride('permissions', { contents: 'read' });
  workflow.addJobs({
    check: {
      name: 'regenerate, build, test',
      runsOn: ['ubuntu-latest'],
      permissions: { contents: github.workflows.JobPermission.READ },
      steps: [
        { name: 'check out (actions/checkout v7.0.1)', uses: CHECKOUT, with: { 'fetch-depth': 0, 'persist-credentials': false } },
        {
          // The external checkers the tests run on generated files (tools/checkers.cjs); the tests fail
          // rather than skip when one is missing here.
          name: 'install the checkers',
          run: 'sudo apt-get update -q && sudo apt-get install -y -q shellcheck python3-docutils && pipx install cfn-lint',
        },
        { name: 'install', run: 'npm ci' },
        { name: 'regenerate', run: 'npx projen' },
        { name: 'fail on drift', run: 'git diff --exit-code && test -z "$(git status --porcelain)"' },
        {
          // compile and post-compile (type-checks the tests), then test: projen's `build` would run the
          // tests a second time.
          name: 'build and test what changed',
          run: 'npx nx affected -t compile post-compile test --base="$BASE"',
          env: {
            LOCKSTEP_REQUIRE_CHECKERS: '1',
            // A pull request compares with its base branch, a push with what main was before it.
            BASE: "${{ github.event_name == 'pull_request' && format('origin/{0}', github.base_ref) || github.event_name == 'push' && github.event.before || 'HEAD~1' }}",
          },
        },
        { name: 'workflows and trust policies agree', run: 'npx nx run @lockstep/cli:compile && npx lockstep check' },
      ],
    },
  });
}
