import { ProjenrcFile, Project } from 'projen';

/**
 * Tells a workspace package that its files come from the root `.projenrc.ts`.
 *
 * Why: projen names the projenrc file in every generated file's header; a subproject has none of its
 * own, so without this its headers would wrongly say `.projenrc.js`.
 */
export class RootProjenrc extends ProjenrcFile {
  public readonly filePath = '.projenrc.ts';

  constructor(project: Project) {
    super(project);
  }

  public override preSynthesize(): void {
    // The file lives at the root, not in this package: nothing to un-ignore here.
  }
}
