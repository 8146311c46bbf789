import { LAYOUT, REPO_FILES, type ResolvedConfig } from '@lockstep/model';
import { Component, type Project } from 'projen';
import { LambdaTestingDocs } from './lambda-testing-docs';
import { CentralLambdaTestsWorkflow, LambdaTestsWorkflow } from './lambda-tests-workflow';
import type { RenderingReuse } from './rendering-reuse';
import { SweeperWorkflow } from './sweeper-workflow';

/** Options for {@link RepoFiles}. */
export interface RepoFilesOptions {
  /** The resolved config; every repository with `lambdaTests` gets its files. */
  readonly config: ResolvedConfig;
  /**
   * The folder that holds one folder per repository, relative to the project.
   * @default "apps/repos"
   */
  readonly outdir?: string;
  /**
   * Earlier renderings of the repositories' workflows and docs pages to take when their inputs are the same.
   * @default every file is rendered
   */
  readonly reuse?: RenderingReuse;
}

/**
 * The generated files of every onboarded repository, laid out as in that repository so that delivering
 * them is a copy: `<outdir>/<repo>/.github/workflows/lambda-tests.yml` and
 * `<outdir>/<repo>/docs/development/testing/lambda-testing.rst` for each repository with `lambdaTests`,
 * and the sweeper workflow in `<outdir>/<sweeper repo>/.github/workflows/` when the config has `sweeper`.
 *
 * A repository without `lambdaTests` gets nothing; one removed from the config loses its files at the
 * next synthesis (projen deletes the files it no longer manages).
 */
export class RepoFiles extends Component {
  /** The workflows, by repository name. */
  public readonly workflows: Readonly<Record<string, LambdaTestsWorkflow>>;
  /** The docs pages, by repository name. */
  public readonly docs: Readonly<Record<string, LambdaTestingDocs>>;
  /** The central reusable workflow, when a repository calls it (`lambdaTests.central`). */
  public readonly central?: CentralLambdaTestsWorkflow;
  /** The sweeper workflow, in the repository `sweeper.repo` names, when the config has a sweeper. */
  public readonly sweeper?: SweeperWorkflow;

  constructor(project: Project, options: RepoFilesOptions) {
    super(project);
    const outdir = options.outdir ?? LAYOUT.reposDir;
    const workflows: Record<string, LambdaTestsWorkflow> = {};
    const docs: Record<string, LambdaTestingDocs> = {};
    // One glob for the whole folder instead of a .gitignore and a .gitattributes line per file: projen
    // adds those per file (lib/file.js), and de-duplicates each new pattern against all the others
    // (lib/ignore-file.js), which grows both files and the time linearly per repository. Nothing ignores
    // the folder, so its files need no `!` pattern; the glob marks them generated for GitHub.
    const { addGitIgnore, annotateGenerated } = project;
    const inside = (pattern: string) => pattern.replace(/^!?\//, '').startsWith(`${outdir}/`);
    project.addGitIgnore = (pattern) => (inside(pattern) ? undefined : addGitIgnore.call(project, pattern));
    project.annotateGenerated = (glob) => (inside(glob) ? undefined : annotateGenerated.call(project, glob));
    try {
      for (const repo of options.config.repos) {
        if (!repo.lambdaTests) continue;
        const base = `${outdir}/${repo.name}`;
        workflows[repo.name] = new LambdaTestsWorkflow(project, {
          config: options.config,
          repo,
          path: `${base}/${REPO_FILES.lambdaTestsWorkflow}`,
          reuse: options.reuse,
        });
        docs[repo.name] = new LambdaTestingDocs(project, {
          config: options.config,
          repo,
          path: `${base}/${REPO_FILES.lambdaTestingDocs}`,
          reuse: options.reuse,
        });
      }
      const central = options.config.github.centralWorkflow;
      if (central !== undefined && options.config.repos.some((r) => r.lambdaTests?.central !== undefined)) {
        this.central = new CentralLambdaTestsWorkflow(project, {
          config: options.config,
          path: `${outdir}/${central.repo}/${REPO_FILES.centralLambdaTestsWorkflow}`,
        });
      }
      const sweeper = options.config.sweeper;
      if (sweeper !== undefined) {
        this.sweeper = new SweeperWorkflow(project, { sweeper, path: `${outdir}/${sweeper.repo}/${REPO_FILES.sweeperWorkflow}` });
      }
    } finally {
      project.addGitIgnore = addGitIgnore;
      project.annotateGenerated = annotateGenerated;
    }
    annotateGenerated.call(project, `/${outdir}/**`);
    this.workflows = workflows;
    this.docs = docs;
  }
}
