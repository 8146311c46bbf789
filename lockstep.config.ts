// The one source of truth for which GitHub workflows may assume which AWS roles.
// `npx projen` turns it into each repository's lambda-tests workflow (apps/repos/<repo>/) and into the
// CDK stacks whose trust policies admit exactly the `sub` claims those workflows present (apps/infra/).
import { defineConfig } from '@lockstep/model';

export default defineConfig({
  github: { owner: 'honeyhiveai' },

  // One AWS environment = one account + region: a base CDK stack (`Lockstep-testing`: provider, artifact bucket)
  // and role stacks (`Lockstep-testing--01`, …) over which its roles are hashed (apps/infra/README.md).
  environments: {
    testing: { account: '654654498014', region: 'us-west-2' },
    // Many accounts instead: one CloudFormation StackSet to every account of organizational units
    // (apps/infra/README.md, "Many accounts: a StackSet environment"), e.g.
    // testing: { stackSet: { organizationalUnits: ['ou-abcd-12345678'], regions: ['us-west-2', 'us-east-1'],
    //   administration: { account: '<delegated administrator>', region: 'us-east-1' }, workflowAccount: '654654498014' } },
  },

  // The account's GitHub OIDC provider already exists (Terraform: deployments/initial_setup/iam_oidc.tf),
  // and an account holds only one per URL, so the stack imports it instead of creating a second one.
  providers: { testing: 'import' },

  roles: {
    // Option A: the shared role Terraform owns. Lockstep doesn't create it or touch its permissions; it
    // exports the trust policy (admitting every repository mapped below) for iam_oidc.tf to apply.
    'GitHubActionsOIDCRoleDeployments-testing': { environment: 'testing', managedBy: 'terraform' },
    // Option B: a role only python-sdk can assume, allowed only what `sam build/deploy/delete` of its
    // test stacks needs (stacks named lockstep-python-sdk-*, its prefix in one artifact bucket).
    'GitHubActionsOIDCRole-PythonSDK': { environment: 'testing', permissions: 'sam-lambda-testing' },
  },

  repos: {
    // deployments runs its own (not generated) Terraform workflows from many branches; its grant stays
    // repository-wide (`repo:honeyhiveai/deployments:*`), which needs its reason written down.
    deployments: {
      role: 'GitHubActionsOIDCRoleDeployments-testing',
      subjects: { anyRef: 'existing Terraform workflows in deployments (initial_setup/iam_oidc.tf)' },
    },
    'python-sdk': {
      role: 'GitHubActionsOIDCRole-PythonSDK', // Option A instead: role: 'GitHubActionsOIDCRoleDeployments-testing',
      // Lockstep generates .github/workflows/lambda-tests.yml. With no `environment`, the job's token says
      // `repo:honeyhiveai/python-sdk:pull_request` for pull requests and
      // `repo:honeyhiveai/python-sdk:ref:refs/heads/main` for pushes to and manual runs from main:
      // exactly the two subjects the role trusts, not `repo:honeyhiveai/python-sdk:*`.
      lambdaTests: {
        on: { pullRequest: true, push: { branches: ['main'] }, workflowDispatch: true },
        workingDirectory: 'tests/lambda',
        // The functions' Runtime in the SAM template: it picks the language the job sets up for sam build.
        runtime: 'python3.12',
        // Runs before sam build, without AWS credentials: the package under test and the test runner.
        // Change it here if python-sdk installs differently (e.g. 'pip install -e ".[dev]"').
        installCommand: 'pip install -e . pytest',
        testCommand: 'pytest tests/lambda -v',
      },
    },
  },

  // The scheduled workflow that deletes test stacks a cancelled or lost run left behind (older than 6 hours),
  // generated into deployments, the platform repository that holds the Terraform. Each AWS environment with
  // sam-lambda-testing repositories gets a role LockstepSweeper-<environment> that trusts only
  // repo:honeyhiveai/deployments:environment:lockstep-sweeper. In deployments' settings, create the
  // environment lockstep-sweeper and limit its deployment branches to the default branch.
  sweeper: { repo: 'deployments' },
});
