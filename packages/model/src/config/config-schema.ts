import { z } from 'zod';
import type { LockstepConfig } from './config';
import { strictObject } from './private/strict-object';

/** Why the three refused triggers never get a role; the message of the schema and of the TSDoc alike. */
const OUTSIDER_TRIGGER =
  'runs in the default branch\'s context and can be triggered by outsiders: never give it a role; use pullRequest for pull requests, or push for the default branch';

const refused = (event: string) => z.never({ error: () => `${event} ${OUTSIDER_TRIGGER}` }).optional();

const branches = z.array(z.string());
const branchFilter = z.union([z.boolean(), strictObject({ branches })], {
  error: () => 'expected true, false or { branches: [...] }',
});

const accountShare = z.union([z.number(), z.string()], {
  error: () => 'expected a number of accounts, e.g. 1, or a percentage, e.g. "10%"',
});

/**
 * The structure of a {@link LockstepConfig}: object shapes, types and choices.
 *
 * Only structure: the content rules (formats, references, subjects, sizes) live in `resolve()`, which
 * reports all of them at once, together with these; where the structure is refused, the content rules
 * still check the rest.
 * @see https://zod.dev/api
 */
export const lockstepConfigSchema = strictObject({
  github: strictObject({
    owner: z.string(),
    ownerId: z.string().optional(),
    centralWorkflow: strictObject({ repo: z.string(), ref: z.string() }).optional(),
  }),
  environments: z.record(
    z.string(),
    strictObject({
      account: z.string().optional(),
      region: z.string().optional(),
      audience: z.string().optional(),
      roleStacks: z.number().optional(),
      stackSet: strictObject({
        organizationalUnits: z.array(z.string()),
        accounts: z.array(z.string()).optional(),
        regions: z.array(z.string()),
        administration: strictObject({ account: z.string(), region: z.string(), delegatedAdmin: z.boolean().optional() }),
        workflowAccount: z.string().optional(),
        failureTolerance: accountShare.optional(),
        maxConcurrency: accountShare.optional(),
        autoDeployment: strictObject({ enabled: z.boolean().optional(), retainStacksOnAccountRemoval: z.boolean().optional() }).optional(),
      }).optional(),
    }).superRefine((env, ctx) => {
      // One account and region, unless stackSet targets many (resolve() words the rest).
      if (env.stackSet !== undefined) return;
      for (const key of ['account', 'region'] as const) {
        if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'missing; expected a string (or stackSet for many accounts and regions)' });
      }
    }),
  ),
  providers: z.record(z.string(), z.enum(['import', 'create'])).optional(),
  roles: z.record(
    z.string(),
    strictObject({
      environment: z.string(),
      path: z.string().optional(),
      managedBy: z.enum(['lockstep', 'terraform', 'external']).optional(),
      permissions: z.enum(['sam-lambda-testing']).optional(),
      maxSessionDuration: z.number().optional(),
      permissionsBoundary: z.string().optional(),
      trustPolicyQuota: z.number().optional(),
      splitWhenOverQuota: z.boolean().optional(),
      description: z.string().optional(),
      extraStatements: z.array(strictObject({ actions: z.array(z.string()), resources: z.array(z.string()), why: z.string() })).optional(),
      bindWorkflow: z.boolean().optional(),
    }),
  ),
  repos: z.record(
    z.string(),
    strictObject({
      role: z.string(),
      id: z.string().optional(),
      subjectFormat: z.enum(['legacy', 'immutable', 'both']).optional(),
      defaultBranch: z.string().optional(),
      lambdaTests: strictObject({
        on: strictObject({
          pullRequest: branchFilter.optional(),
          push: strictObject({ branches: branches.optional(), tags: branches.optional() }).optional(),
          workflowDispatch: branchFilter.optional(),
          schedule: z.array(z.string()).optional(),
          mergeGroup: branchFilter.optional(),
          pullRequestTarget: refused('pullRequestTarget (pull_request_target)'),
          workflowRun: refused('workflowRun (workflow_run)'),
          issueComment: refused('issueComment (issue_comment)'),
        }),
        environment: z.string().optional(),
        githubEnvironment: z.string().optional(),
        runtime: z.string().optional(),
        installCommand: z.string().optional(),
        workingDirectory: z.string().optional(),
        testCommand: z.string(),
        pythonVersion: z.string().optional(),
        timeoutMinutes: z.number().optional(),
        sessionDurationSeconds: z.number().optional(),
        central: z.boolean().optional(),
      }).optional(),
      subjects: strictObject({
        anyRef: z.string().optional(),
        branches: branches.optional(),
        tags: branches.optional(),
        environments: z.array(z.string()).optional(),
        pullRequest: z.boolean().optional(),
        custom: z.array(z.string()).optional(),
      }).optional(),
    }),
  ),
  sweeper: strictObject({
    repo: z.string(),
    maxAgeHours: z.number().optional(),
    schedule: z.string().optional(),
    githubEnvironment: z.string().optional(),
  }).optional(),
  noRepositories: z.literal(true).optional(),
}) satisfies z.ZodType<LockstepConfig>;
