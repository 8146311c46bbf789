import { REPO_FILES, repoFile, type ResolvedSweeper } from '@lockstep/model';
import { Component, type Project, type TextFile } from 'projen';
import { GeneratedTextFile } from './private/generated-text-file';
import { generatedHeader } from './private/generated-header';
import { renderWorkflow } from './private/render-workflow';
import { sweeperModel } from './private/sweeper-model';

/** Options for {@link SweeperWorkflow}. */
export interface SweeperWorkflowOptions {
  /** The resolved sweeper (`ResolvedConfig.sweeper`). */
  readonly sweeper: ResolvedSweeper;
  /**
   * Where to write the workflow, relative to the project.
   * @default `apps/repos/<sweeper repo>/.github/workflows/lockstep-sweeper.yml`
   */
  readonly path?: string;
}

/**
 * `lockstep-sweeper.yml`: a scheduled workflow in the sweeper's repository that deletes test stacks older
 * than the configured age, one job per AWS environment with its own role, which trusts only that job's
 * GitHub environment. It catches what a run's own `sam delete` could not: a cancelled run, a lost runner,
 * a deletion that failed.
 */
export class SweeperWorkflow extends Component {
  /** The generated file. */
  public readonly file: TextFile;

  constructor(project: Project, options: SweeperWorkflowOptions) {
    super(project);
    const yaml = renderWorkflow(sweeperModel(options.sweeper), generatedHeader());
    this.file = new GeneratedTextFile(project, options.path ?? repoFile(options.sweeper.repo, REPO_FILES.sweeperWorkflow), {
      lines: yaml.split('\n'),
      committed: true,
      readonly: true,
    });
  }
}
