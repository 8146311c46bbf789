import { REPO_FILES, repoFile, type ResolvedConfig, type ResolvedRepo } from '@lockstep/model';
import { Component, type Project, type TextFile } from 'projen';
import { GeneratedTextFile } from './private/generated-text-file';
import { lambdaTestsContext } from './private/lambda-tests-model';
import { renderLambdaTestingDocs } from './private/render-lambda-testing-docs';
import type { RenderingReuse } from './rendering-reuse';

/** Options for {@link LambdaTestingDocs}. */
export interface LambdaTestingDocsOptions {
  /** The resolved config: the repository's role and AWS environment are looked up in it. */
  readonly config: ResolvedConfig;
  /** The repository; it must have `lambdaTests`. */
  readonly repo: ResolvedRepo;
  /**
   * Where to write the page, relative to the project.
   * @default `apps/repos/<repo>/docs/development/testing/lambda-testing.rst`, laid out as in the target repository
   */
  readonly path?: string;
  /**
   * Earlier renderings to take instead of rendering again when the inputs are the same.
   * @default every construction renders
   */
  readonly reuse?: RenderingReuse;
}

/**
 * `docs/development/testing/lambda-testing.rst` of one onboarded repository (reStructuredText, for its
 * Sphinx docs): how its Lambda tests reach AWS — the role and its ARN, the subjects it trusts and why, the
 * permissions, how to run and debug the tests, and what to check when assuming the role fails.
 * @see https://docutils.sourceforge.io/docs/ref/rst/restructuredtext.html
 */
export class LambdaTestingDocs extends Component {
  /** The generated file. */
  public readonly file: TextFile;

  constructor(project: Project, options: LambdaTestingDocsOptions) {
    super(project);
    const context = lambdaTestsContext(options.config, options.repo);
    const path = options.path ?? repoFile(options.repo.name, REPO_FILES.lambdaTestingDocs);
    const rst = options.reuse?.reuse(path, context) ?? renderLambdaTestingDocs(context);
    this.file = new GeneratedTextFile(project, path, {
      // The whole rendering as one "line": TextFile joins its lines with newlines, so the file's bytes are the
      // rendering's (which ends with a newline), without an array of a few hundred strings per file.
      lines: [rst],
      committed: true,
      readonly: true,
    });
  }
}
