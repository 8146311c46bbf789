import { LAYOUT, type ResolvedConfig } from '@lockstep/model';
import { Component, type Project, type TextFile } from 'projen';
import { GeneratedTextFile } from './private/generated-text-file';
import { renderAccessReport } from './private/render-access-report';

/** Options for {@link AccessReport}. */
export interface AccessReportOptions {
  /** The resolved config the report describes. */
  readonly config: ResolvedConfig;
  /**
   * Where to write the report, relative to the project.
   * @default "ACCESS.md"
   */
  readonly path?: string;
}

/**
 * `ACCESS.md`: who can assume what, for a person reviewing access.
 *
 * A Mermaid flowchart (repositories → subjects → roles → permission profiles → accounts), which GitHub
 * renders, and a table with one line per repository: the subjects its jobs present, the role ARN and
 * the permissions. Both come from the same resolved model as the workflows and the trust policies.
 *
 * @see https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/creating-diagrams
 */
export class AccessReport extends Component {
  /** The generated file. */
  public readonly file: TextFile;

  constructor(project: Project, options: AccessReportOptions) {
    super(project);
    this.file = new GeneratedTextFile(project, options.path ?? LAYOUT.accessReport, {
      lines: renderAccessReport(options.config).split('\n'),
      committed: true,
      readonly: true,
    });
  }
}
