/**
 * The files Lockstep generates inside a target repository, relative to its root. They live in the GitHub
 * room because a trust policy bound to a workflow file (`job_workflow_ref`) names them too; the workspace
 * layout (plan/artifact-layout.ts) re-exports them. No other module spells these paths.
 */
export const REPO_FILES = {
  /** Its workflows' folder, where `lockstep check` looks. */
  workflowsDir: '.github/workflows',
  /** The Lambda test workflow (or, for a repository on the central workflow, its small caller). */
  lambdaTestsWorkflow: '.github/workflows/lambda-tests.yml',
  /** The reusable Lambda test workflow in the platform repository that the callers' `uses:` name. */
  centralLambdaTestsWorkflow: '.github/workflows/lockstep-lambda-tests.yml',
  /** The sweeper workflow, in the repository `sweeper.repo` names. */
  sweeperWorkflow: '.github/workflows/lockstep-sweeper.yml',
  /** The docs page of that workflow. */
  lambdaTestingDocs: 'docs/development/testing/lambda-testing.rst',
} as const;
