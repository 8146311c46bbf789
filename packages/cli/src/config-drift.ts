import * as fs from 'node:fs';
import * as path from 'node:path';
import { LAYOUT, REPO_FILES, type ResolvedConfig } from '@lockstep/model';
import type { CheckFinding } from './check-finding';
import type { RoleCatalog } from './role-catalog';
import { displayPath, type Workspace } from './workspace';

/** Where Lockstep writes a repository's generated workflow. */
export function generatedWorkflowPath(workspace: Workspace, repo: string): string {
  return path.join(workspace.reposDir, repo, REPO_FILES.lambdaTestsWorkflow);
}

/**
 * Artifacts the config calls for that are missing: the workflow of each repository with `lambdaTests`,
 * the template role of each role Lockstep manages, the exported trust policy of each role managed elsewhere.
 */
export function configDrift(config: ResolvedConfig, workspace: Workspace, catalog: RoleCatalog, cwd: string): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const config_ = displayPath(workspace.configFile ?? LAYOUT.config, cwd);
  for (const repo of config.repos) {
    if (repo.lambdaTests === undefined) continue;
    const file = generatedWorkflowPath(workspace, repo.name);
    if (!fs.existsSync(file)) {
      findings.push({
        severity: 'error',
        code: 'missing-workflow',
        file: config_,
        message: `repos.${repo.name} has lambdaTests, but ${displayPath(file, cwd)} does not exist`,
        fix: 'run `npx projen` to generate it',
      });
    }
  }
  const central = config.github.centralWorkflow;
  if (central !== undefined && config.repos.some((r) => r.lambdaTests?.central !== undefined)) {
    const file = path.join(workspace.reposDir, central.repo, ...REPO_FILES.centralLambdaTestsWorkflow.split('/'));
    if (!fs.existsSync(file)) {
      findings.push({
        severity: 'error',
        code: 'missing-workflow',
        file: config_,
        message: `repositories with lambdaTests.central call the central workflow of ${central.fullName}, but ${displayPath(file, cwd)} does not exist`,
        fix: 'run `npx projen` to generate it, then commit it to the platform repository at the commit github.centralWorkflow.ref names',
      });
    }
  }
  for (const role of config.roles) {
    const known = catalog.withName(role.name).filter((r) => r.origin !== 'live');
    if (role.managedBy === 'lockstep' && !known.some((r) => r.origin === 'template')) {
      findings.push({
        severity: 'error',
        code: 'missing-role',
        file: config_,
        role: role.name,
        message: `roles.${role.name} is managed by Lockstep, but no template under ${displayPath(workspace.templatesDir, cwd)} defines it`,
        fix: 'run `npx projen` to synthesize the CDK app',
      });
    }
    if (role.managedBy !== 'lockstep' && !known.some((r) => r.origin === 'exported')) {
      findings.push({
        severity: 'error',
        code: 'missing-trust-policy-export',
        file: config_,
        role: role.name,
        message: `roles.${role.name} is managed by ${role.managedBy}, but its trust policy is not exported to ${displayPath(path.join(workspace.trustPoliciesDir, `${role.name}.json`), cwd)}`,
        fix: 'run `npx projen` to export it',
      });
    }
  }
  return findings;
}
