import { auditTrust, GITHUB_OIDC_HOST, parseRoleArn, type AuditFinding, type AuditTrustOptions, type PolicyDocument, type PolicyPrincipal } from '@lockstep/model';
import { templateRoleResources, type TemplateRoleResource } from './cfn-template';
import { isTemplate, parseTemplate } from './template-json';
import { parsePolicyFile } from './read-input';
import { readTextFile } from './read-text-file';

/** One trust policy `lockstep audit` audited: a file's, or one role's of a template. */
export interface AuditedPolicy {
  /** The file, as shown to the user. */
  readonly file: string;
  /** The role's name, when the file says it (`aws iam get-role` output, a template role with a `RoleName`). */
  readonly role?: string;
  /** The role's logical id, for a role of a template. */
  readonly logicalId?: string;
  /** The model's findings, sorted; or the one error saying why the policy could not be audited. */
  readonly findings: readonly AuditFinding[];
}

/** A role of a template that no GitHub workflow can assume, so `lockstep audit` leaves it out. */
export interface SkippedRole {
  readonly file: string;
  /** The role's name; undefined when CloudFormation generates it. */
  readonly role?: string;
  readonly logicalId: string;
  /** Why, e.g. `it trusts Service "cloudformation.amazonaws.com", not the GitHub OIDC provider`. */
  readonly reason: string;
}

/** What `lockstep audit` makes of one file. */
export interface FileAudit {
  /** The file, as shown to the user. */
  readonly file: string;
  /** Whether the file is a whole CloudFormation template (else it is one trust policy). */
  readonly template: boolean;
  /** Every trust policy audited, in file order. */
  readonly audited: readonly AuditedPolicy[];
  /** The template's roles no GitHub workflow can assume, in template order. */
  readonly skipped: readonly SkippedRole[];
}

/**
 * Audits the trust policy, or trust policies, of a file: a policy document, `aws iam get-role` output, a
 * URL-encoded document or one `AWS::IAM::Role` resource is one trust policy; a whole CloudFormation template
 * is the trust policy of each of its roles that a GitHub workflow can assume. A template role that trusts no
 * GitHub OIDC provider (a service role, such as a CloudFormation execution role) is skipped.
 *
 * A template's intrinsics are resolved as `check` resolves them, except that a pseudo parameter the
 * template doesn't pin (no literal ARN names the account) stands as a placeholder, `<AWS::AccountId>`: the
 * audit's verdict does not depend on the account.
 * @throws InputError when the file cannot be read or is neither a policy nor a template.
 */
export function auditFile(file: string, shown: string, options: AuditTrustOptions = {}): FileAudit {
  const text = readTextFile(file, 'policy file', shown);
  if (isTemplate(parseJson(text))) return auditTemplate(text, shown, options);
  const { policy, roleArn } = parsePolicyFile(text, shown);
  const role = roleArn === undefined ? undefined : parseRoleArn(roleArn)?.name;
  return { file: shown, template: false, audited: [{ file: shown, ...(role !== undefined ? { role } : {}), findings: auditTrust(policy, options) }], skipped: [] };
}

function auditTemplate(text: string, shown: string, options: AuditTrustOptions): FileAudit {
  const audited: AuditedPolicy[] = [];
  const skipped: SkippedRole[] = [];
  for (const resource of templateRoleResources(parseTemplate(text, shown), shown, { placeholders: true })) {
    const { logicalId, name } = resource;
    const about = { file: shown, ...(name !== undefined ? { role: name } : {}), logicalId };
    if (resource.trustPolicy !== undefined) {
      const findings = auditTrust(resource.trustPolicy, options);
      // The model's own test for a GitHub trust policy: an Allow statement trusting the provider (or "*").
      if (findings.some((f) => f.code === 'no-github-statement')) skipped.push({ ...about, reason: trustedPrincipals(resource.trustPolicy) });
      else audited.push({ ...about, findings });
    } else if (mentionsGitHub(resource)) {
      audited.push({ ...about, findings: [unresolvedFinding(resource)] });
    } else {
      skipped.push({ ...about, reason: `${resource.unresolved} and names no GitHub OIDC provider` });
    }
  }
  return { file: shown, template: true, audited, skipped };
}

/** The error for a GitHub role whose trust policy depends on deploy-time values (a parameter, an import). */
function unresolvedFinding(resource: TemplateRoleResource): AuditFinding {
  const getRole = resource.name !== undefined ? `aws iam get-role --role-name ${resource.name}` : 'aws iam get-role --role-name NAME';
  return {
    severity: 'error',
    code: 'unresolved-trust-policy',
    message: `${resource.unresolved}, so it cannot be audited before deployment; audit the deployed policy: ${getRole} > role.json && npx lockstep audit role.json`,
  };
}

/** Whether a trust policy as written names GitHub's provider (its condition keys are always literal). */
function mentionsGitHub(resource: TemplateRoleResource): boolean {
  return JSON.stringify(resource.document ?? null).toLowerCase().includes(GITHUB_OIDC_HOST);
}

/** Whom the Allow statements of a non-GitHub policy trust, e.g. `it trusts Service "cloudformation.amazonaws.com", …`. */
function trustedPrincipals(policy: PolicyDocument): string {
  const trusted = new Set<string>();
  for (const s of policy.Statement) {
    if (s.Effect !== 'Allow') continue;
    if (s.Principal !== undefined) trusted.add(describePrincipal(s.Principal));
    else if (s.NotPrincipal !== undefined) trusted.add(`everyone but ${describePrincipal(s.NotPrincipal)}`);
  }
  return trusted.size === 0 ? 'it allows no principal' : `it trusts ${[...trusted].join('; ')}, not the GitHub OIDC provider`;
}

function describePrincipal(p: PolicyPrincipal): string {
  if (p === '*') return 'every principal ("*")';
  return Object.entries(p)
    .map(([type, v]) => `${type} ${(typeof v === 'string' ? [v] : (v as readonly string[])).map((x) => JSON.stringify(x)).join(', ')}`)
    .join('; ');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON, or URL-encoded: the policy parser says which, in its own words
  }
}
