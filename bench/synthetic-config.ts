/**
 * Writes the source of a synthetic `lockstep.config.ts` with `repos` repositories spread over roles and
 * three AWS environments, each role kept well within its trust-policy quota.
 *
 * Each repository gets generated lambda tests on pull requests and pushes to main (two subjects);
 * five repositories share a role, which keeps a role's trust policy near half of the 2,048 quota.
 */
export function syntheticConfig(repos: number): string {
  const environments = [
    { name: 'alpha', account: '111111111111', region: 'us-east-1' },
    { name: 'beta', account: '222222222222', region: 'us-west-2' },
    { name: 'gamma', account: '333333333333', region: 'eu-west-1' },
  ];
  const reposPerRole = 5;
  const roleCount = Math.ceil(repos / reposPerRole);
  const roles = Array.from({ length: roleCount }, (_, i) => ({
    name: `BenchRole-${String(i).padStart(4, '0')}`,
    environment: environments[i % environments.length].name,
  }));
  const lines = [
    "import { defineConfig } from '@lockstep/model';",
    '',
    'export default defineConfig({',
    "  github: { owner: 'bench-org' },",
    '  environments: {',
    ...environments.map((e) => `    ${e.name}: { account: '${e.account}', region: '${e.region}' },`),
    '  },',
    `  providers: { ${environments.map((e) => `${e.name}: 'create'`).join(', ')} },`,
    '  roles: {',
    ...roles.map((r) => `    '${r.name}': { environment: '${r.environment}', permissions: 'sam-lambda-testing' },`),
    '  },',
    '  repos: {',
    ...Array.from({ length: repos }, (_, i) => {
      const role = roles[Math.floor(i / reposPerRole)].name;
      return (
        `    'service-${String(i).padStart(4, '0')}': { role: '${role}', lambdaTests: ` +
        "{ on: { pullRequest: true, push: { branches: ['main'] } }, workingDirectory: 'tests/lambda', testCommand: 'pytest tests/lambda' } },"
      );
    }),
    '  },',
    '});',
    '',
  ];
  return lines.join('\n');
}
