import { shellQuote } from './shell-quote';

/** What the sweep step of one environment deletes. */
export interface SweepScriptOptions {
  /** The environment's region (literal, so the script never depends on what the credentials step exported). */
  readonly region: string;
  /** Stack-name prefixes of the repositories swept there, each `lockstep-<repo>--`. */
  readonly stackPrefixes: readonly string[];
  /** Stacks created longer ago than this are deleted. */
  readonly maxAgeHours: number;
}

/**
 * The stack statuses the sweeper lists: every state a stack rests in, not `DELETE_COMPLETE` (gone) nor an
 * `*_IN_PROGRESS` state CloudFormation is still working through (a delete would be refused or race it),
 * except `REVIEW_IN_PROGRESS`: a stack whose first change set was never executed rests there, with no
 * resources, and DeleteStack removes it.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStacks.html
 */
export const SWEPT_STACK_STATUSES: readonly string[] = [
  'CREATE_COMPLETE', 'CREATE_FAILED', 'DELETE_FAILED', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE', 'IMPORT_ROLLBACK_FAILED',
  'REVIEW_IN_PROGRESS', 'ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'UPDATE_COMPLETE', 'UPDATE_FAILED', 'UPDATE_ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_FAILED',
];

/**
 * The sweep step's bash script: list the stacks (the AWS CLI follows every page), keep those whose name
 * starts with one of the prefixes and that were created more than `maxAgeHours` ago, ask CloudFormation
 * to delete each (without `--role-arn`: it deletes with the role the stack was created with, the
 * execution role), then wait for every deletion. It prints each stack it deletes and fails when a delete
 * call or a deletion failed. It calls only `aws` and `jq` (on the runner image).
 * @see https://docs.aws.amazon.com/cli/latest/reference/cloudformation/list-stacks.html
 * @see https://docs.aws.amazon.com/cli/latest/reference/cloudformation/wait/stack-delete-complete.html
 */
export function sweepScript(options: SweepScriptOptions): string {
  if (!Number.isInteger(options.maxAgeHours) || options.maxAgeHours < 1) throw new Error(`maxAgeHours: ${options.maxAgeHours} is not a whole number of hours`);
  for (const p of options.stackPrefixes) {
    if (!/^lockstep-[a-z0-9]+(-[a-z0-9]+)*--$/.test(p)) throw new Error(`stack prefix "${p}" is not "lockstep-<repo>--"`);
  }
  const region = shellQuote(options.region);
  return `${[
    `region=${region}`,
    `max_age_hours=${options.maxAgeHours}`,
    `prefixes='${options.stackPrefixes.join(' ')}'`,
    `statuses='${SWEPT_STACK_STATUSES.join(' ')}'`,
    '# Unquoted on purpose: one argument per status.',
    '# shellcheck disable=SC2086',
    'stacks="$(aws cloudformation list-stacks --region "$region" --output json --stack-status-filter $statuses)"',
    '# The names of the old test stacks. The CLI prints CreationTime in ISO 8601 in the local time zone',
    '# (2026-12-06T15:19:37.123000+00:00): seconds since the epoch are the UTC time minus the offset.',
    'old="$(jq -r --argjson hours "$max_age_hours" --arg prefixes "$prefixes" --arg statuses "$statuses" \'',
    '  def epoch: (capture("^(?<t>[0-9-]+T[0-9:]+)(\\\\.[0-9]+)?(?<z>Z|(?<s>[+-])(?<h>[0-9]{2}):?(?<m>[0-9]{2}))$") // error("CreationTime \\(.) is not an ISO 8601 time"))',
    '    | (.t + "Z" | fromdateiso8601) - (if .z == "Z" then 0 else (if .s == "+" then 1 else -1 end) * ((.h | tonumber) * 3600 + (.m | tonumber) * 60) end);',
    '  ($prefixes | split(" ")) as $p',
    '  | ($statuses | split(" ")) as $s',
    '  | (now - $hours * 3600) as $cutoff',
    '  | .StackSummaries[]',
    '  | select(.StackStatus as $status | $s | index($status))',
    '  | select(.StackName as $name | any($p[]; . as $prefix | $name | startswith($prefix)))',
    '  | select((.CreationTime | epoch) < $cutoff)',
    '  | .StackName\' <<<"$stacks")"',
    'if [[ -z "$old" ]]; then',
    '  echo "No test stack older than $max_age_hours hours in $region."',
    '  exit 0',
    'fi',
    'failed=0',
    'requested=()',
    'while IFS= read -r name; do',
    '  echo "Deleting $name (created more than $max_age_hours hours ago)"',
    '  if aws cloudformation delete-stack --region "$region" --stack-name "$name"; then',
    '    requested+=("$name")',
    '  else',
    '    echo "::error title=Test stack not deleted::CloudFormation refused to delete $name"',
    '    failed=1',
    '  fi',
    'done <<<"$old"',
    'for name in "${requested[@]}"; do',
    '  if aws cloudformation wait stack-delete-complete --region "$region" --stack-name "$name"; then',
    '    echo "Deleted $name"',
    '  else',
    '    echo "::error title=Test stack not deleted::the deletion of $name did not finish: see its events in the CloudFormation console"',
    '    failed=1',
    '  fi',
    'done',
    'exit "$failed"',
  ].join('\n')}\n`;
}
