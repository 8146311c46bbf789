import type { ResolvedConfig } from '@lockstep/model';
import type { Project } from 'projen';

/** Wires apps/infra's synthesized templates and exported trust policies. Owned by the CDK side. */
export function infraFiles(_root: Project, _config: ResolvedConfig): void {
  // filled in by the CDK side
}
