import { compareStrings } from '../basics/compare-strings';
import type { SubjectFormat } from './subject-prefix';
import type { ResolvedTriggers } from './triggers';
import { subjectPrefixes, type SubjectOwner } from './subject-prefix';
import type { FindingSeverity } from './subject-pattern';
import { lambdaTestsSubjectContexts, type SubjectContext } from './subjects';
import { dispatchBranches } from './dispatch-guard';
import { DEFAULT_BRANCH_EVENTS, refContext } from './subject-rules';

/** A job of a GitHub workflow file as YAML parses it: the parts that decide the `sub` claims of its token. */
export interface WorkflowJobInput {
  /** The workflow's `on:` (a string, a list of event names, or a map of events to their filters). */
  readonly on: unknown;
  /**
   * The job's `environment:` (a name, or `{ name, url }`).
   * @default no environment: the subject follows the event
   */
  readonly environment?: unknown;
  /**
   * The job's `if:` expression; a branch restriction for `workflow_dispatch` is recognized in it.
   * @default no condition
   */
  readonly if?: unknown;
}

/** The repository a workflow runs in, and how its subjects are written. */
export interface WorkflowJobSubjectsOptions {
  /** Owner and repository, with their numeric ids when known (needed for immutable subjects). */
  readonly repository: SubjectOwner;
  /** Which `sub` form the repository presents; `both` yields both forms (during a migration either may come). */
  readonly format: SubjectFormat;
  /** The repository's default branch: the ref of scheduled and other default-branch events. */
  readonly defaultBranch: string;
}

/** One `sub` value a job can present; a value with `*` stands for many refs (e.g. any branch). */
export interface PresentedSubject {
  /** E.g. `repo:honeyhiveai/python-sdk:pull_request`. */
  readonly value: string;
  /** Plain-English why, e.g. `push to main; workflow_dispatch from main`. */
  readonly reason: string;
  /** The workflow events that present it, sorted. */
  readonly events: readonly string[];
}

/** Something about a job's triggers that is unsafe, or that the derivation had to assume. */
export interface WorkflowJobFinding {
  readonly severity: FindingSeverity;
  /** Stable kebab-case identifier, e.g. `forbidden-trigger`, `dispatch-any-branch`. */
  readonly code: string;
  /** The event it is about, when it is about one. */
  readonly event?: string;
  /** What is wrong or assumed, and the fix when there is one. */
  readonly message: string;
}

/** The outcome of {@link workflowJobSubjects}. */
export interface WorkflowJobSubjects {
  /** Every `sub` the job can present, sorted by value. */
  readonly subjects: readonly PresentedSubject[];
  /** The events of the workflow's `on:`, sorted. */
  readonly events: readonly string[];
  /** Unsafe triggers and assumptions, in event order. */
  readonly findings: readonly WorkflowJobFinding[];
}

/**
 * Events that run in the default branch's context and can be started by people outside the repository
 * (a fork's pull request, any commenter): a job that can assume an AWS role must never run on them.
 * @see https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/
 */
const FORBIDDEN_EVENTS: Readonly<Record<string, string>> = {
  pull_request_target: "runs with the base repository's context for pull requests from forks",
  workflow_run: 'runs with the default branch\'s context after a workflow that a fork\'s pull request can start',
  issue_comment: 'can be started by anyone who may comment on an issue or pull request',
};

/**
 * The `sub` claims a job of a workflow file can present, derived from the file itself: the workflow's `on:`,
 * the job's `environment:` and `if:`, and the repository it runs in. This is the reading-back counterpart of
 * {@link lambdaTestsSubjectContexts} (which derives them from the config) and applies the same precedence:
 * environment > pull_request > ref.
 *
 * Beyond the triggers Lockstep generates it handles: `push` without a branch or tag filter (any branch, any
 * tag), `release` (any tag), `workflow_dispatch` without a recognized branch restriction in the job's `if:`
 * (the default branch and any other), `merge_group` without a filter, the default-branch events, and the
 * forbidden ones (`pull_request_target`, `workflow_run`, `issue_comment`), which are errors for a job with a role.
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
 * @see https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows
 */
export function workflowJobSubjects(job: WorkflowJobInput, options: WorkflowJobSubjectsOptions): WorkflowJobSubjects {
  const findings: WorkflowJobFinding[] = [];
  const events = normalizeOn(job.on, findings);
  const prefixes = subjectPrefixes(options.repository, options.format);
  const collected = new Map<string, { reasons: string[]; events: Set<string> }>();
  const add = (contexts: readonly SubjectContext[], event: string) => {
    for (const { context, reason } of contexts) {
      for (const prefix of prefixes) {
        const value = prefix + context;
        const entry = collected.get(value) ?? { reasons: [], events: new Set<string>() };
        if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
        entry.events.add(event);
        collected.set(value, entry);
      }
    }
  };

  for (const [event, why] of Object.entries(FORBIDDEN_EVENTS)) {
    if (events.has(event)) {
      findings.push({
        severity: 'error',
        code: 'forbidden-trigger',
        event,
        message: `"${event}" ${why}; a job that assumes an AWS role must not run on it: remove the trigger, or move the AWS steps to a workflow that runs on pull_request or push`,
      });
    }
  }
  const environment = environmentName(job.environment, findings);
  if (environment === null) {
    return { subjects: [], events: [...events.keys()].sort(), findings };
  }

  const defaultBranch = options.defaultBranch;
  for (const [event, filter] of events) {
    const triggers = emptyTriggers();
    const extra: SubjectContext[] = [];
    switch (event) {
      case 'pull_request':
        triggers.pullRequest = { branches: [] };
        break;
      case 'push': {
        const branches = stringList(filter, 'branches');
        const tags = stringList(filter, 'tags');
        const ignoresBranches = has(filter, 'branches-ignore');
        const ignoresTags = has(filter, 'tags-ignore');
        // GitHub: a filter on only branches (or only tags) means the other kind of ref never triggers.
        const onlyTags = (tags !== undefined || ignoresTags) && branches === undefined && !ignoresBranches;
        const onlyBranches = (branches !== undefined || ignoresBranches) && tags === undefined && !ignoresTags;
        if (!onlyTags) triggers.pushBranches = branches ?? ['*'];
        if (!onlyBranches) triggers.pushTags = tags ?? ['*'];
        if (!onlyTags && branches === undefined) {
          findings.push({
            severity: 'info',
            code: 'push-any-branch',
            event,
            message: `"push" has no "branches" list${ignoresBranches ? ' ("branches-ignore" is not a list of what runs)' : ''}, so the job runs for a push to any branch`,
          });
        }
        break;
      }
      case 'workflow_dispatch': {
        const bound = dispatchBranches(job.if);
        if (bound === undefined) {
          triggers.workflowDispatch = { branches: [defaultBranch, '*'] };
          findings.push({
            severity: 'warning',
            code: 'dispatch-any-branch',
            event,
            message: `"workflow_dispatch" can be started from any branch, and the job's "if:" has no branch restriction the checker recognizes, so it is assumed to run on "${defaultBranch}" or any other branch; restrict it with \`if: github.event_name != 'workflow_dispatch' || github.ref == 'refs/heads/${defaultBranch}'\``,
          });
        } else {
          triggers.workflowDispatch = { branches: bound };
        }
        break;
      }
      case 'schedule':
        triggers.schedule = ['scheduled'];
        break;
      case 'merge_group':
        triggers.mergeGroup = { branches: stringList(filter, 'branches') ?? ['*'] };
        break;
      case 'release':
        extra.push({ context: refContext('refs/tags/*'), reason: 'release (runs on the release tag)', source: 'on.release' });
        break;
      case 'workflow_call':
        findings.push({
          severity: 'info',
          code: 'reusable-workflow',
          event,
          message: '"workflow_call": when called, the token\'s sub is the caller\'s (its repository, event and ref); check the calling workflow',
        });
        break;
      default:
        if (DEFAULT_BRANCH_EVENTS.includes(event)) {
          extra.push({ context: refContext(`refs/heads/${defaultBranch}`), reason: `${event} (runs on ${defaultBranch})`, source: `on.${event}` });
        } else {
          extra.push({ context: refContext(`refs/heads/${defaultBranch}`), reason: `${event} (assumed to run on ${defaultBranch})`, source: `on.${event}` });
          findings.push({
            severity: 'warning',
            code: 'unmodelled-event',
            event,
            message: `"${event}" is not an event the checker models; it is assumed to run on the default branch "${defaultBranch}"`,
          });
        }
    }
    if (environment !== undefined) {
      // Environment > pull_request > ref: every event presents the environment subject.
      if (event !== 'workflow_call') {
        const contexts = lambdaTestsSubjectContexts(emptyTriggers(), environment, defaultBranch);
        add(contexts.map((c) => ({ ...c, reason: `any event: the job references the environment "${environment}"` })), event);
      }
      continue;
    }
    add(lambdaTestsSubjectContexts(triggers, undefined, defaultBranch), event);
    add(extra, event);
  }

  const subjects = [...collected.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([value, e]) => ({ value, reason: e.reasons.join('; '), events: [...e.events].sort() }));
  return { subjects, events: [...events.keys()].sort(), findings };
}

/** {@link ResolvedTriggers}, built up one event at a time. */
interface MutableTriggers {
  pullRequest?: ResolvedTriggers['pullRequest'];
  pushBranches: ResolvedTriggers['pushBranches'];
  pushTags: ResolvedTriggers['pushTags'];
  workflowDispatch?: ResolvedTriggers['workflowDispatch'];
  schedule: ResolvedTriggers['schedule'];
  mergeGroup?: ResolvedTriggers['mergeGroup'];
}

function emptyTriggers(): MutableTriggers {
  return { pushBranches: [], pushTags: [], schedule: [] };
}

/** `on:` as a map of event → filter (`null` when the event has none). */
function normalizeOn(on: unknown, findings: WorkflowJobFinding[]): Map<string, unknown> {
  const events = new Map<string, unknown>();
  if (typeof on === 'string') {
    events.set(on, null);
  } else if (Array.isArray(on)) {
    for (const e of on) if (typeof e === 'string') events.set(e, null);
  } else if (isObject(on)) {
    for (const [e, filter] of Object.entries(on)) events.set(e, filter);
  }
  if (events.size === 0) {
    findings.push({
      severity: 'error',
      code: 'no-trigger',
      message: `the workflow's "on:" names no event (got ${JSON.stringify(on) ?? 'nothing'}), so GitHub never runs it; add e.g. \`on: pull_request\``,
    });
  }
  return new Map([...events.entries()].sort(([a], [b]) => compareStrings(a, b)));
}

/** The environment's name; `undefined` when the job has none, `null` when it cannot be known (an expression). */
function environmentName(env: unknown, findings: WorkflowJobFinding[]): string | undefined | null {
  if (env === undefined || env === null) return undefined;
  const name = isObject(env) ? env.name : env;
  if (typeof name !== 'string' || name === '') {
    findings.push({
      severity: 'error',
      code: 'invalid-environment',
      message: `the job's "environment:" is ${JSON.stringify(env)}; expected a name or { name: NAME }`,
    });
    return null;
  }
  if (name.includes('${{')) {
    findings.push({
      severity: 'warning',
      code: 'environment-expression',
      message: `the job's environment is the expression "${name}", so the subject ("…:environment:<name>") is only known at run time; the checker cannot verify it: use a fixed environment name`,
    });
    return null;
  }
  return name;
}

function stringList(filter: unknown, key: string): string[] | undefined {
  if (!isObject(filter) || !(key in filter)) return undefined;
  const v = filter[key];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function has(filter: unknown, key: string): boolean {
  return isObject(filter) && key in filter;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
