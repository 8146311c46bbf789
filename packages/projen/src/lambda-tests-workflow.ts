import { REPO_FILES, repoFile, type ResolvedConfig, type ResolvedRepo } from '@lockstep/model';
import { Component, type Project, type TextFile } from 'projen';
import { GeneratedTextFile } from './private/generated-text-file';
import { generatedHeader } from './private/generated-header';
import { callerModel, centralWorkflowModel } from './private/central-workflow-model';
import { lambdaTestsContext, lambdaTestsModel } from './private/lambda-tests-model';
import { renderWorkflow } from './private/render-workflow';
import type { RenderingReuse } from './rendering-reuse';

/** Options for {@link LambdaTestsWorkflow}. */
export interface LambdaTestsWorkflowOptions {
  /** The resolved config: the repository's role and AWS environment are looked up in it. */
  readonly config: ResolvedConfig;
  /** The repository; it must have `lambdaTests`. */
  readonly repo: ResolvedRepo;
  /**
   * Where to write the workflow, relative to the project.
   * @default `apps/repos/<repo>/.github/workflows/lambda-tests.yml`, laid out as in the target repository
   */
  readonly path?: string;
  /**
   * Earlier renderings to take instead of rendering again when the inputs are the same.
   * @default every construction renders
   */
  readonly reuse?: RenderingReuse;
}

/**
 * `lambda-tests.yml` of one onboarded repository: assume its role through GitHub OIDC, `sam build`,
 * `sam deploy` to a stack of the run's own, run the tests, `sam delete`.
 *
 * `permissions: {}` at the top and `id-token: write` + `contents: read` on the one job; fork pull requests
 * skipped; manual runs only from the configured branches; every action pinned to a commit; the role ARN,
 * region, account and audience written as literals from the model, so `lockstep check` can compare them
 * with the trust policy.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
export class LambdaTestsWorkflow extends Component {
  /** The generated file. */
  public readonly file: TextFile;

  constructor(project: Project, options: LambdaTestsWorkflowOptions) {
    super(project);
    const context = lambdaTestsContext(options.config, options.repo);
    const central = context.tests.central;
    const path = options.path ?? repoFile(options.repo.name, REPO_FILES.lambdaTestsWorkflow);
    // A repository on the central workflow gets only the caller: triggers, job condition, permissions, `uses:`.
    const yaml = options.reuse?.reuse(path, context)
      ?? renderWorkflow(central !== undefined ? callerModel(context, central) : lambdaTestsModel(context), generatedHeader());
    this.file = new GeneratedTextFile(project, path, {
      // The whole rendering as one "line": TextFile joins its lines with newlines, so the file's bytes are the
      // rendering's (which ends with a newline), without an array of a few hundred strings per file.
      lines: [yaml],
      committed: true,
      readonly: true,
    });
  }
}

/** Options for {@link CentralLambdaTestsWorkflow}. */
export interface CentralLambdaTestsWorkflowOptions {
  /** The resolved config; it must have `github.centralWorkflow` and a repository with `lambdaTests.central`. */
  readonly config: ResolvedConfig;
  /**
   * Where to write the workflow, relative to the project.
   * @default `apps/repos/<platform repo>/.github/workflows/lockstep-lambda-tests.yml`
   */
  readonly path?: string;
}

/**
 * The one reusable lambda-tests workflow (`on: workflow_call`) of the platform repository, which every
 * repository with `lambdaTests.central` calls at the commit `github.centralWorkflow.ref` pins. Its job
 * requests the OIDC token; `sub` still describes the caller, and `job_workflow_ref` names this file at that
 * commit, which the callers' roles require.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/using-openid-connect-with-reusable-workflows
 */
export class CentralLambdaTestsWorkflow extends Component {
  /** The generated file. */
  public readonly file: TextFile;

  constructor(project: Project, options: CentralLambdaTestsWorkflowOptions) {
    super(project);
    const central = options.config.github.centralWorkflow;
    if (central === undefined) throw new Error('github.centralWorkflow: not set, so there is no central workflow to generate');
    const contexts = options.config.repos.filter((r) => r.lambdaTests?.central !== undefined).map((r) => lambdaTestsContext(options.config, r));
    const yaml = renderWorkflow(centralWorkflowModel(contexts), generatedHeader());
    this.file = new GeneratedTextFile(project, options.path ?? repoFile(central.repo, REPO_FILES.centralLambdaTestsWorkflow), {
      lines: yaml.split('\n'),
      committed: true,
      readonly: true,
    });
  }
}
