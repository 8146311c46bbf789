// Table-driven audit of GitHub OIDC trust-policy pitfalls (issue 12). Each case in trust-pitfalls.json names
// the facts it rests on (AWS IAM / STS documentation, GitHub's OIDC documentation; sources in its "facts"
// map), the findings auditTrust must report (severity and stable code), and request contexts the policy
// admits and refuses, checked with the model's evaluator so a case's policy is known to mean what it says.
import { auditTrust } from '../../src/github/audit-trust';
import { evaluateTrust } from '../../src/github/evaluate-trust';
import { STS_GITHUB_CLAIM_KEYS } from '../../src/github/github-oidc';
import type { PolicyDocument } from '../../src/iam/policy-document';
import table from './trust-pitfalls.json';

interface PitfallCase {
  readonly id: string;
  readonly class: string;
  readonly facts: readonly string[];
  readonly expected: readonly string[];
  readonly policy: unknown;
  readonly admits: readonly Record<string, string | null>[];
  readonly rejects: readonly Record<string, string | null>[];
}

const cases = table.cases as readonly PitfallCase[];
const facts = table.facts as Record<string, string>;
// The requests come through the GitHub provider of the account the cases are written for.
const principal = table.principal;

function claims(context: Record<string, string | null>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(context).map(([k, v]) => [k, v ?? undefined]));
}

describe('trust-policy pitfalls (trust-pitfalls.json)', () => {
  test('covers at least 40 policies and every audit class, each case citing a known fact', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) {
      expect(c.facts.length).toBeGreaterThan(0);
      for (const f of c.facts) expect(facts[f]).toEqual(expect.any(String));
    }
    const codes = new Set(cases.flatMap((c) => c.expected.map((e) => e.split(' ')[1])));
    for (const code of [
      'unreachable-subject', 'environment-unencoded-colon', 'wildcard-across-ref-kinds', 'branch-wildcard', 'tag-wildcard',
      'merge-queue-ref', 'environment-wildcard', 'prefix-collision', 'owner-wide-sub', 'wildcard-sub', 'ignore-case-sub',
      'org-wide-template', 'forgeable-leading-claim', 'unknown-claim-key', 'set-operator-on-claim', 'if-exists-operator-on-claim',
      'negated-operator-on-claim', 'missing-aud', 'wrong-aud', 'missing-sub', 'key-host-mismatch', 'job-workflow-ref-format',
    ]) {
      expect(codes).toContain(code);
    }
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const found = [...new Set(auditTrust(c.policy as PolicyDocument).map((f) => `${f.severity} ${f.code}`))].sort();
    expect(found).toEqual([...c.expected].sort());
    for (const context of c.admits) expect(evaluateTrust(c.policy as PolicyDocument, { claims: claims(context), principal }).decision).toBe('allow');
    for (const context of c.rejects) expect(evaluateTrust(c.policy as PolicyDocument, { claims: claims(context), principal }).decision).toBe('deny');
  });

  test('a narrowing condition on another STS-evaluated key suppresses the broad-sub finding', () => {
    const byId = new Map(cases.map((c) => [c.id, c]));
    expect(byId.get('repo-wide-star')!.expected).toContain('warning repo-wide-sub');
    expect(byId.get('repo-wide-pinned-ref')!.expected).toEqual([]);
    expect(byId.get('repo-wide-pinned-environment')!.expected).toEqual([]);
    expect(byId.get('owner-wide')!.expected).toContain('error owner-wide-sub');
    expect(byId.get('owner-wide-pinned-repo-id')!.expected).not.toContain('error owner-wide-sub');
    expect(byId.get('owner-wide-pinned-job-workflow-ref')!.expected).toEqual(['warning owner-wide-sub']);
  });

  test('the documented STS keys are the ones AWS lists for GitHub tokens (research 12, F1.1)', () => {
    expect([...STS_GITHUB_CLAIM_KEYS].sort()).toEqual(
      ['actor', 'actor_id', 'aud', 'enterprise_id', 'environment', 'job_workflow_ref', 'ref', 'repository', 'repository_id', 'repository_owner_id', 'sub', 'workflow'],
    );
  });

  test('messages say what the policy admits, never more', () => {
    const msg = (id: string) => auditTrust(cases.find((c) => c.id === id)!.policy as PolicyDocument).map((f) => f.message).join('\n');
    // ForAnyValue on sub admits exactly what StringLike admits (F4.5): not "every repository on GitHub".
    expect(msg('foranyvalue-sub')).not.toMatch(/every repository on GitHub/);
    expect(msg('foranyvalue-sub')).toMatch(/admits what StringLike admits \(no more\)/);
    expect(msg('pr-merge-ref-sub')).toMatch(/write "repo:acme\/app:pull_request"/);
    expect(msg('env-colon-raw')).toMatch(/write "repo:acme\/app:environment:prod%3Av1"/);
  });
});
