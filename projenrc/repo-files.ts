import type { ResolvedConfig } from '@lockstep/model';
import type { Project } from 'projen';

/** Wires the generated files of every onboarded repository (apps/repos/<repo>/…). Owned by the workflow generator. */
export function repoFiles(_root: Project, _config: ResolvedConfig): void {
  // filled in by @lockstep/projen's components
}
