import type { StackSetConfig } from '../config';
import type { ResolvedStackSet, StackSetShare } from '../resolved-config';
import { partitionOf } from '../../iam/partition';
import { compareStrings } from '../../basics/compare-strings';
import { accountIdProblem, regionProblem } from './aws-names';
import type { IssueList } from './issue-list';
import { quote } from './quote';

/**
 * An organizational unit id (`ou-<root>-<ou>`) or a root id (`r-<root>`), as the AWS::CloudFormation::StackSet
 * resource schema's `OrganizationalUnitId` pattern accepts it.
 * @see https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-cloudformation/blob/master/aws-cloudformation-stackset/aws-cloudformation-stackset.json
 */
const ORGANIZATIONAL_UNIT = /^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/;

/** A StackSet environment's targets and options, resolved; with the workflow account and home region it stands for. */
export interface StackSetDraft {
  readonly stackSet: ResolvedStackSet;
  /** The account generated workflows assume their role in (`workflowAccount`, or the first of `accounts`). */
  readonly account: string;
  /** The home region: the first of `regions`. */
  readonly region: string;
}

/**
 * Validates `environments.<env>.stackSet`: organizational unit and account ids, regions (no duplicates, one
 * partition), the administration account, the workflow account, failure tolerance and concurrency.
 * Every problem is added to `issues` under the path the person wrote; stand-ins keep the rest resolvable.
 */
export function resolveStackSet(config: StackSetConfig, at: readonly PropertyKey[], stackSetName: string, issues: IssueList): StackSetDraft {
  const here = [...at, 'stackSet'];
  if (config.organizationalUnits.length === 0) {
    issues.add([...here, 'organizationalUnits'], 'is empty; a StackSet with service-managed permissions deploys to organizational units: give at least one id, e.g. "ou-abcd-12345678" (AWS Organizations console → AWS accounts → the OU)');
  }
  config.organizationalUnits.forEach((ou, i) => {
    if (!ORGANIZATIONAL_UNIT.test(ou)) {
      const hint = /^ou-/i.test(ou) ? '; organizational unit ids are lowercase "ou-<4–32 letters/digits>-<8–32 letters/digits>"' : '';
      issues.add([...here, 'organizationalUnits', i], `${quote(ou)} is not an organizational unit id; expected "ou-" followed by the root part and the unit part, e.g. "ou-abcd-12345678", or a root id like "r-abcd"${hint}`);
    }
  });
  duplicates(config.organizationalUnits, [...here, 'organizationalUnits'], 'organizational unit', issues);
  const accounts = config.accounts ?? [];
  if (config.accounts !== undefined && accounts.length === 0) {
    issues.add([...here, 'accounts'], 'is empty; remove it to deploy to every account of the organizational units, or list the accounts to deploy to');
  }
  accounts.forEach((account, i) => issues.add([...here, 'accounts', i], accountIdProblem(account)));
  duplicates(accounts, [...here, 'accounts'], 'account', issues);

  if (config.regions.length === 0) {
    issues.add([...here, 'regions'], 'is empty; give the regions of every account, the home region (IAM resources, workflows) first, e.g. ["us-west-2", "us-east-1"]');
  }
  config.regions.forEach((region, i) => issues.add([...here, 'regions', i], regionProblem(region)));
  duplicates(config.regions, [...here, 'regions'], 'region', issues);
  const homeRegion = config.regions[0] ?? 'us-east-1';
  const partition = partitionOf(homeRegion);
  config.regions.forEach((region, i) => {
    if (i > 0 && regionProblem(region) === undefined && partitionOf(region) !== partition) {
      issues.add([...here, 'regions', i], `${quote(region)} is in partition ${quote(partitionOf(region))}, but the home region ${quote(homeRegion)} is in ${quote(partition)}; a StackSet and its IAM ARNs live in one partition: use another environment for ${quote(region)}`);
    }
  });

  const admin = config.administration;
  issues.add([...here, 'administration', 'account'], accountIdProblem(admin.account));
  issues.add([...here, 'administration', 'region'], regionProblem(admin.region));
  if (regionProblem(admin.region) === undefined && partitionOf(admin.region) !== partition) {
    issues.add([...here, 'administration', 'region'], `${quote(admin.region)} is in partition ${quote(partitionOf(admin.region))}, but the StackSet's regions are in ${quote(partition)}; administer it from a region of ${quote(partition)}`);
  }

  let account = config.workflowAccount ?? accounts[0];
  if (account === undefined) {
    issues.add([...here, 'workflowAccount'], 'is required when the StackSet targets organizational units without accounts: it is the account in which generated workflows (lambdaTests) assume their role; give the 12-digit id of an account of those organizational units');
    account = '000000000000';
  } else if (config.workflowAccount !== undefined) {
    issues.add([...here, 'workflowAccount'], accountIdProblem(config.workflowAccount));
    if (accounts.length > 0 && !accounts.includes(config.workflowAccount)) {
      issues.add([...here, 'workflowAccount'], `${quote(config.workflowAccount)} is not one of stackSet.accounts (${accounts.map((a) => quote(a)).join(', ')}), so the StackSet doesn't create the roles there; add it to accounts or pick one of them`);
    }
  }

  const failureTolerance = share(config.failureTolerance, { count: 0 }, [...here, 'failureTolerance'], 0, issues);
  const maxConcurrency = share(config.maxConcurrency, { count: 1 }, [...here, 'maxConcurrency'], 1, issues);
  const bothGiven = !issues.refused([...here, 'failureTolerance']) && !issues.refused([...here, 'maxConcurrency']);
  if (bothGiven && 'count' in failureTolerance && 'count' in maxConcurrency && maxConcurrency.count > failureTolerance.count + 1) {
    // CloudFormation refuses the operation otherwise: MaxConcurrentCount is at most FailureToleranceCount + 1.
    issues.add([...here, 'maxConcurrency'], `${maxConcurrency.count} is more than failureTolerance + 1 (${failureTolerance.count + 1}); CloudFormation refuses such an operation (MaxConcurrentCount ≤ FailureToleranceCount + 1): raise failureTolerance or lower maxConcurrency`);
  }

  return {
    account,
    region: homeRegion,
    stackSet: {
      stackSetName,
      organizationalUnits: [...config.organizationalUnits].sort(compareStrings),
      accounts: [...accounts].sort(compareStrings),
      regions: [...config.regions],
      homeRegion,
      administration: { account: admin.account, region: admin.region, callAs: admin.delegatedAdmin === false ? 'SELF' : 'DELEGATED_ADMIN' },
      failureTolerance,
      maxConcurrency,
      autoDeployment: {
        enabled: config.autoDeployment?.enabled ?? true,
        retainStacksOnAccountRemoval: config.autoDeployment?.retainStacksOnAccountRemoval ?? false,
      },
    },
  };
}

/** A count (whole number ≥ `min`) or `'N%'` (0–100), or the default when absent. */
function share(value: number | string | undefined, fallback: StackSetShare, at: readonly PropertyKey[], min: number, issues: IssueList): StackSetShare {
  if (value === undefined) return fallback;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= min) return { count: value };
  } else {
    const m = /^(\d{1,3})%$/.exec(value);
    if (m && Number(m[1]) <= 100 && Number(m[1]) >= min) return { percentage: Number(m[1]) };
  }
  issues.add(at, `${quote(value)} is not a number of accounts; expected a whole number from ${min} (e.g. ${min + 1}) or a percentage like "10%"`);
  return fallback;
}

function duplicates(values: readonly string[], at: readonly PropertyKey[], what: string, issues: IssueList): void {
  values.forEach((v, i) => {
    if (values.indexOf(v) < i) issues.add([...at, i], `${quote(v)} is listed twice; a StackSet deploys once per ${what}: remove the second one`);
  });
}
