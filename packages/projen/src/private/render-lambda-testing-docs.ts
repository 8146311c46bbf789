import { REPO_FILES, roleStackIndex, roleStackName, SAM_TESTING_SUPPORTED_RESOURCES, TEST_STACK_TAG_KEY, type ResolvedTriggers } from '@lockstep/model';
import { SAM_CLI_VERSION } from '../action-pins';
import { generatedHeader } from './generated-header';
import type { LambdaTestsContext } from './lambda-tests-model';
import { roleSessionName } from './role-session-name';
import { DELETE_MINUTES } from './step-timeouts';
import { comment, heading, lines, list, listTable, literal, literalBlock, paragraph, text } from './rst';

/**
 * Renders `docs/development/testing/lambda-testing.rst` of one repository: how its Lambda tests reach
 * AWS, the role and the subjects it trusts, what the role may do, how to run and debug the tests, and
 * what to check when assuming the role fails. Pure and deterministic.
 */
export function renderLambdaTestingDocs(context: LambdaTestsContext): string {
  return [
    ...comment(generatedHeader()),
    ...heading('Lambda tests against AWS', 0),
    ...introduction(context),
    ...howCredentialsWork(context),
    ...theRole(context),
    ...whoMayAssumeIt(context),
    ...whatItMayDo(context),
    ...theWorkflow(context),
    ...runningTheTests(context),
    ...whenAssumptionFails(context),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}

function introduction({ repo, tests }: LambdaTestsContext): string[] {
  return [
    ...paragraph(
      `The Lambda tests of ${literal(repo.fullName)} deploy the SAM project ${where(tests.workingDirectory)}`,
      `to a real AWS account, run ${literal(tests.testCommand.trim())} against it and delete it again.`,
      `The workflow ${literal(REPO_FILES.lambdaTestsWorkflow)} gets short-lived AWS credentials through GitHub's`,
      'OpenID Connect (OIDC) provider: no AWS access key is stored in GitHub.',
    ),
    ...paragraph(
      `This page, the workflow and the IAM trust policy of the role are all generated from ${literal('lockstep.config.ts')}`,
      'in the Lockstep repository, so they cannot disagree. To change anything described here, change that',
      `config and run ${literal('npx projen')} there; do not edit the copies in this repository.`,
    ),
  ];
}

function howCredentialsWork({ repo, tests, role, environment }: LambdaTestsContext): string[] {
  const session = roleSessionName(repo.name).replace(/\$\{\{ github\.run_id \}\}-\$\{\{ github\.run_attempt \}\}$/, '<run id>-<attempt>');
  return [
    ...heading('How a run gets AWS credentials', 1),
    ...list(
      [
        lines(
          `GitHub gives the job an OIDC token (the job has ${literal('id-token: write')}). Its ${literal('sub')} claim says which`,
          `repository, and which environment, pull request or branch the job runs for; its ${literal('aud')} claim is ${literal(environment.audience)}.`,
        ),
        `${literal('aws-actions/configure-aws-credentials')} sends the token to AWS STS and asks for the role ${literal(role.arn)}.`,
        lines(
          `STS checks the token against the role's trust policy: the OIDC provider of account ${literal(environment.account)},`,
          `the audience, and the ${literal('sub')}.`,
        ),
        lines(
          `If they match, STS returns credentials for ${tests.sessionDurationSeconds} seconds, in a session named`,
          `${literal(session)} (look for it in CloudTrail).`,
        ),
      ],
      true,
    ),
  ];
}

function theRole({ repo, role, environment }: LambdaTestsContext): string[] {
  const others = role.repos.filter((r) => r !== repo.name);
  const managedBy =
    role.managedBy === 'lockstep'
      ? `Lockstep's CDK stack ${literal(roleStackName(environment.name, roleStackIndex(role.name, environment.roleStacks)))}`
      : `${role.managedBy === 'terraform' ? 'Terraform' : 'code outside Lockstep'}, which applies the trust policy Lockstep exports`;
  return [
    ...heading('The role', 1),
    ...listTable([
      ['Role', literal(role.name)],
      ['ARN', literal(role.arn)],
      ['AWS account', `${literal(environment.account)}, region ${literal(environment.region)} (Lockstep environment ${literal(environment.name)})`],
      ['Managed by', managedBy],
      // Lockstep only knows the maximum session of a role it creates; another role's is its owner's setting.
      ['Longest session', role.managedBy === 'lockstep' ? `${role.maxSessionDuration} seconds` : 'set by the role\'s owner (not managed by Lockstep)'],
      ['Used by', role.repos.map(literal).join(', ')],
    ]),
    ...(others.length > 0
      ? paragraph(
        `The role is shared: its trust policy also admits workflows of ${others.map(literal).join(', ')}, and`,
        'whatever it may do, their workflows may do too.',
      )
      : []),
  ];
}

function whoMayAssumeIt({ repo, tests, role, environment }: LambdaTestsContext): string[] {
  const grants = role.subjects.filter((g) => g.repo === repo.name);
  return [
    ...heading('Who may assume it', 1),
    ...paragraph(
      `The trust policy admits a token from the GitHub OIDC provider ${literal(environment.provider.arn)} only when its`,
      `${literal('aud')} is ${literal(environment.audience)} and its ${literal('sub')} is one of these (for this repository):`,
    ),
    ...(grants.length > 0
      ? listTable([['``sub``', 'compared with', 'why'], ...grants.map((g) => [literal(g.value), literal(g.operator), text(g.reason)])], {
        headerRow: true,
      })
      : paragraph('(none: the role trusts no subject of this repository)')),
    ...paragraph(
      'GitHub decides the subject of a job in this order: a job that references an environment presents',
      `${literal('environment:NAME')} whatever the event; otherwise a pull request presents ${literal('pull_request')}, and every`,
      'other event the ref it runs on.',
      tests.environment !== undefined
        ? `The generated job references the environment ${literal(tests.environment)}, so it can present exactly:`
        : 'The generated job references no environment and can present exactly:',
    ),
    ...list(tests.subjects.map(literal)),
    ...(repo.subjectFormat !== 'legacy'
      ? paragraph(
        `The repository uses ${repo.subjectFormat === 'both' ? 'both the name-based and the' : 'the'} immutable, ID-based subject format`,
        `(${literal('repo:OWNER@OWNER_ID/REPO@REPO_ID:…')}), which stays the same when the repository is renamed or transferred.`,
      )
      : []),
  ];
}

function whatItMayDo({ repo, tests, role, environment }: LambdaTestsContext): string[] {
  const sam = role.samTesting;
  if (!sam) {
    return [
      ...heading('What the role may do', 1),
      ...paragraph(
        `The role's permissions are not managed by Lockstep (${text(role.managedBy)}): ask the role's owner what it may do.`,
        `Without Lockstep's artifact bucket, the workflow lets SAM create and use its managed bucket (${literal('sam deploy --resolve-s3')},`,
        `stack ${literal('aws-sam-cli-managed-default')}), which the role must be allowed to do.`,
      ),
    ];
  }
  return [
    ...heading('What the role may do', 1),
    ...paragraph(
      `The role has Lockstep's ${literal('sam-lambda-testing')} permissions: the least-privilege layout of`,
      `${literal('sam pipeline bootstrap')}, with two roles.`,
    ),
    ...list([
      lines(
        `The role GitHub assumes may only create and run CloudFormation change sets on, and delete, stacks whose name`,
        `starts with ${literal(tests.stackPrefix)} (the ${literal('--')} ends the prefix: no other repository's stacks start so), tagged`,
        `${literal(`${TEST_STACK_TAG_KEY}=${repo.name}`)}; read and write objects under ${literal(`s3://${sam.artifactBucket}/${tests.artifactPrefix}`)}`,
        `in the bucket of account ${literal(environment.account)}; and pass one role to CloudFormation: ${literal(sam.executionRoleArn)}.`,
        'The tests may invoke the stack\'s functions and read their logs.',
      ),
      lines(
        'That CloudFormation execution role creates the stack\'s resources, listed below. CloudFormation shortens the names it',
        `generates, so the repository is carried by the stack tag ${literal(TEST_STACK_TAG_KEY)} (${literal('sam deploy --tags')}), which`,
        'CloudFormation copies to every resource that takes tags: the role creates only what carries this repository\'s tag,',
        'and changes or deletes only what carries it.',
      ),
      lines(
        `Every function role must carry the permissions boundary ${literal(sam.functionBoundaryArn)}, and the template`,
        `must ask for no more than ${literal('CAPABILITY_IAM')} (no named IAM resources). No role may leave or change the boundary.`,
      ),
    ]),
    ...literalBlock(`So the SAM template ${where(tests.workingDirectory)} sets the boundary for every function, e.g. in its globals`, [
      'Globals:',
      '  Function:',
      `    PermissionsBoundary: ${sam.functionBoundaryArn}`,
    ]),
    ...heading('Supported resources', 2),
    ...listTable([
      ['Resource', 'Covered', 'Scoped by', 'The template must'],
      ...SAM_TESTING_SUPPORTED_RESOURCES.map((r) => [
        literal(r.type),
        r.features.length > 0 ? r.features.map(text).join('; ') : 'all of it',
        text(r.scope),
        r.requires !== undefined ? text(r.requires) : '(nothing)',
      ]),
    ], { headerRow: true, widths: [20, 30, 30, 20] }),
    ...(role.extraStatements.length > 0
      ? [
        ...paragraph(`Beyond these, the config gives the execution role (${literal('roles.')}${literal(role.name)}${literal('.extraStatements')}):`),
        ...list(role.extraStatements.map((x) => lines(`${x.actions.map(literal).join(', ')} on ${x.resources.map(literal).join(', ')}:`, text(x.why)))),
      ]
      : []),
    ...paragraph(`Anything else (another resource type, another stack name, another bucket, an ${literal('iam:CreateRole')} outside the boundary) is denied,`, `whatever ${literal(repo.name)}'s workflow asks for.`),
  ];
}

function theWorkflow({ tests, environment }: LambdaTestsContext): string[] {
  return [
    ...heading('The workflow', 1),
    ...paragraph('It runs on:'),
    ...list(triggerLines(tests.triggers)),
    ...paragraph('The job:'),
    ...list([
      `Token permissions: none at the workflow level; the one job has ${literal('id-token: write')} and ${literal('contents: read')} only.`,
      tests.environment !== undefined
        ? `The job references the GitHub environment ${literal(tests.environment)}: its protection rules (reviewers, branches) apply to every run.`
        : 'The job references no GitHub environment.',
      lines(
        `A pull request from a fork presents the same ${literal('sub')} as any other pull request of this repository, so the`,
        'trust policy cannot tell them apart. What keeps forks out: GitHub gives pull requests from forks no OIDC token',
        `by default (a private repository can allow it), and the job's ${literal('if:')} skips them. A pull request from a branch`,
        'of this repository runs its own copy of the workflow, edits included, so the role\'s permissions are the boundary.',
      ),
      lines(
        `Runs of one ref wait for each other (${literal('concurrency')}, never cancelled half-way); a run times out after ${tests.timeoutMinutes} minutes.`,
        `Every step has its own timeout, and the steps before ${literal('sam delete')} together leave it ${DELETE_MINUTES} minutes of those.`,
      ),
      lines(
        `Every ${literal('sam')} command is given an empty config file (${literal('--config-file "$RUNNER_TEMP/lockstep-samconfig.toml"')}),`,
        `so this repository's ${literal('samconfig.toml')} is never read: the ${literal('resolve_s3 = true')} that ${literal('sam init')} writes`,
        `there would fail the deploy next to ${literal('--s3-bucket')}, and its build or deploy settings would change what runs.`,
        'It stays yours for local use.',
      ),
      `Every action is pinned to a full commit SHA; the checkout keeps no credentials (${literal('persist-credentials: false')}).`,
    ]),
    ...paragraph('Its steps:'),
    ...list(
      [
        lines(
          `Check out; ${setUpLine(tests)}; install SAM CLI ${literal(SAM_CLI_VERSION)} and check that ${literal('sam --version')}`,
          'reports it (the runner image has another one).',
        ),
        ...(tests.installCommand !== undefined ? [`Install what the tests need: ${literal(tests.installCommand.trim())}, from the repository root.`] : []),
        `${literal('sam build')} ${where(tests.workingDirectory)}, before the job has any AWS credentials.`,
        lines(
          `Assume the role (region ${literal(environment.region)}; the credentials are refused unless they belong to`,
          `account ${literal(environment.account)}).`,
        ),
        `If that fails, print the claims of the job's OIDC token that AWS compared, and the ${literal('lockstep explain')} command for them.`,
        lines(
          `${literal('sam deploy')} ${where(tests.workingDirectory)} to the stack`,
          `${literal(`${tests.stackPrefix}<run id>-<attempt>`)}: one stack per run, so runs never share one. Its name is in`,
          `${literal('$STACK_NAME')} for the tests.`,
          ...(tests.artifactBucket !== undefined
            ? [`Its artifacts go under ${literal(`${tests.artifactPrefix}<stack name>/`)}, so one run's clean-up never deletes another's.`]
            : []),
        ),
        `Run ${literal(tests.testCommand.trim())} from the repository root.`,
        lines(
          `${literal('sam delete --no-prompts')} the stack, also when a step before failed or the run was cancelled. A delete that`,
          'fails fails the job, with the command to finish it by hand.',
        ),
      ],
      true,
    ),
  ];
}

/** The event options of a `lockstep explain` example: the first event the workflow runs on. */
function explainExample(tests: LambdaTestsContext['tests']): string {
  const t = tests.triggers;
  const environment = tests.environment !== undefined ? ` --environment ${tests.environment}` : '';
  if (t.pullRequest) return `--event pull_request${environment}`;
  if (t.pushBranches.length > 0) return `--event push --ref ${t.pushBranches[0]}${environment}`;
  if (t.workflowDispatch) return `--event workflow_dispatch --ref ${t.workflowDispatch.branches[0]}${environment}`;
  if (t.schedule.length > 0) return `--event schedule${environment}`;
  if (t.pushTags.length > 0) return `--event push --ref refs/tags/${t.pushTags[0].replace(/\*/g, '1')}${environment}`;
  return `--event merge_group${environment}`;
}

/** `set up Python ``3.12`` for ``python3.12``` — what the runtime set-up step does. */
function setUpLine(tests: LambdaTestsContext['tests']): string {
  const { language, version, id } = tests.runtime;
  const names = { python: 'Python', nodejs: 'Node.js', java: 'Java (Corretto)', dotnet: '.NET', ruby: 'Ruby' } as const;
  if (language === 'provided') return `build for ${literal(id)} with the runner image's tools`;
  return `set up ${names[language]} ${literal(language === 'python' ? tests.pythonVersion : version)} for the functions' runtime ${literal(id)}`;
}

/** `in ``tests/lambda```, or `at the repository root` for `.`. */
function where(workingDirectory: string): string {
  return workingDirectory === '.' ? 'at the repository root' : `in ${literal(workingDirectory)}`;
}

function triggerLines(t: ResolvedTriggers): string[] {
  const names = (branches: readonly string[]) => branches.map(literal).join(', ');
  return [
    ...(t.pullRequest
      ? [`pull requests${t.pullRequest.branches.length > 0 ? ` into ${names(t.pullRequest.branches)}` : ''} (${literal('pull_request')})`]
      : []),
    ...(t.pushBranches.length > 0 ? [`pushes to ${names(t.pushBranches)}`] : []),
    ...(t.pushTags.length > 0 ? [`pushes of tags ${names(t.pushTags)}`] : []),
    ...(t.mergeGroup ? [`the merge queue of ${names(t.mergeGroup.branches)} (${literal('merge_group')})`] : []),
    ...(t.workflowDispatch ? [`manual runs (${literal('workflow_dispatch')}) from ${names(t.workflowDispatch.branches)} only`] : []),
    ...t.schedule.map((cron) => `the schedule ${literal(cron)} (UTC, on the default branch)`),
  ];
}

function runningTheTests({ repo, tests, environment, sweeper }: LambdaTestsContext): string[] {
  const dispatch = tests.triggers.workflowDispatch?.branches ?? [];
  const cd = tests.workingDirectory === '.' ? [] : [`cd ${tests.workingDirectory}`];
  const back = tests.workingDirectory === '.' ? [] : ['cd -'];
  return [
    ...heading('Running and debugging the tests', 1),
    ...(dispatch.length > 0 && !dispatch[0].includes('*')
      ? literalBlock(`To run the workflow by hand (from ${literal(dispatch[0])}; other branches are skipped), with the GitHub CLI`, [
        `gh workflow run lambda-tests.yml --repo ${repo.fullName} --ref ${dispatch[0]}`,
      ])
      : paragraph('The workflow cannot be started by hand: push to a branch it runs on, or open a pull request.')),
    ...literalBlock(
      'To run the same steps from a laptop, with your own AWS credentials for the account (not through the role, which only trusts GitHub)',
      [
        ...(tests.installCommand !== undefined ? tests.installCommand.trim().split('\n') : []),
        ...cd,
        'sam build',
        `export STACK_NAME="${tests.stackPrefix}local-$(whoami)"`,
        `sam deploy --stack-name "$STACK_NAME" --region ${environment.region} --resolve-s3 --capabilities CAPABILITY_IAM`,
        ...back,
        ...tests.testCommand.trim().split('\n'),
        ...cd,
        `sam delete --stack-name "$STACK_NAME" --region ${environment.region} --no-prompts`,
      ],
    ),
    ...paragraph(
      `A stack left behind by a run that was killed before ${literal('sam delete')} is named ${literal(`${tests.stackPrefix}<run id>-<attempt>`)}:`,
      `delete it with ${literal('sam delete --stack-name NAME --no-prompts')}. The run's log shows every SAM command;`,
      'CloudTrail shows every AWS call of the run under its session name.',
      ...(sweeper !== undefined
        ? [`Nobody has to: the sweeper workflow in ${literal(sweeper.fullName)} (${literal(REPO_FILES.sweeperWorkflow)}, on ${literal(sweeper.schedule)})`,
          `deletes every test stack of this repository that is older than ${sweeper.maxAgeHours} hours, with a role of its own that may only list stacks and delete`,
          `these, and S3 expires the artifacts after a few days.`]
        : []),
    ),
  ];
}

function whenAssumptionFails({ repo, tests, role, environment }: LambdaTestsContext): string[] {
  return [
    ...heading('When assuming the role fails', 1),
    ...paragraph(
      `${literal('Not authorized to perform sts:AssumeRoleWithWebIdentity')} is AWS's one message for every mismatch. Check, in this order:`,
    ),
    ...list(
      [
        lines(
          `Did the job get a token? Without ${literal('id-token: write')} (the generated workflow has it; an edited copy may not),`,
          `or in a pull request from a fork, ${literal('configure-aws-credentials')} says`,
          `${literal('It looks like you might be trying to authenticate with OIDC. Did you mean to set the `id-token` permission?')}`,
          `and then fails with ${literal('Credentials could not be loaded, please check your action inputs: Could not load credentials from any providers')}.`,
        ),
        lines(
          `Which claims did the job present? The step ${literal('Show the claims AWS compared')} runs after a failed assume and`,
          `prints the token's ${literal('sub')}, ${literal('aud')}, ${literal('ref')}, ${literal('environment')}, ${literal('job_workflow_ref')} and`,
          `${literal('repository_id')} (never the token), with the ${literal('lockstep explain')} command to run with them.`,
        ),
        lines(
          `Is the job's subject one the role trusts? The job can present only ${tests.subjects.map(literal).join(', ')}.`,
          'A run of another branch, tag or event is refused by design; to allow it, add it to the config and regenerate.',
        ),
        lines(
          'Was the repository renamed or transferred, or created after 2026-07-15? Then GitHub may present immutable',
          `subjects (${literal('repo:OWNER@OWNER_ID/REPO@REPO_ID:…')}); this repository's config says ${literal(repo.subjectFormat)}.`,
          `Check with ${literal(`gh api repos/${repo.fullName}/actions/oidc/customization/sub`)}: it must not set a custom`,
          `template (${literal('include_claim_keys')}), and ${literal('use_immutable_subject')} must match the config.`,
        ),
        lines(
          `Is the role ARN exactly ${literal(role.arn)}, and does the role exist?`,
          `${literal(`aws iam get-role --role-name ${role.name}`)} shows it with its trust policy.`,
        ),
        lines(
          `Does account ${literal(environment.account)} have the GitHub OIDC provider ${literal(environment.provider.arn)},`,
          `with client id ${literal(environment.audience)}? ${literal('aws iam list-open-id-connect-providers')} lists it.`,
        ),
        lines(
          `${literal('role-duration-seconds')} (${tests.sessionDurationSeconds}) must not exceed the role's maximum session duration`,
          role.managedBy === 'lockstep'
            ? `(${role.maxSessionDuration});`
            : `(set by the role's owner: ${literal(`aws iam get-role --role-name ${role.name}`)} shows ${literal('MaxSessionDuration')});`,
          `${literal('allowed-account-ids')} refuses credentials of any account but ${literal(environment.account)}.`,
        ),
      ],
      true,
    ),
    ...literalBlock(
      `In the Lockstep repository, ${literal('lockstep explain')} says which of these a given run misses, e.g.`,
      [`npx lockstep explain --repo ${repo.fullName} ${explainExample(tests)}`],
    ),
    ...paragraph(`and ${literal('npx lockstep check')} compares this repository's copy of the workflow with the config.`),
  ];
}
