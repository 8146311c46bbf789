/** How serious a check finding is: `error` fails the check (exit 1), `warning` and `info` don't. */
export type Severity = 'error' | 'warning' | 'info';

/** One thing `lockstep check` found, located as precisely as it can be. */
export interface CheckFinding {
  readonly severity: Severity;
  /** Stable kebab-case identifier, e.g. `denied-subject`, `unknown-role`, `unpinned-action`. */
  readonly code: string;
  /** The workflow or trust policy file, as shown to the user. */
  readonly file: string;
  /** 1-based line in `file`. */
  readonly line?: number;
  /** The job id, for a finding about a job. */
  readonly job?: string;
  /** The role name, for a finding about a role. */
  readonly role?: string;
  /** The `sub` value, for a finding about one subject. */
  readonly subject?: string;
  /** What is wrong, in a sentence. */
  readonly message: string;
  /** What to change, when there is something to change. */
  readonly fix?: string;
  /** Order among the findings of one file, lower first (e.g. a foreign owner before a lost grant); default 0. */
  readonly rank?: number;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by file, line and message: the same input always prints the same report. */
export function compareFindings(a: CheckFinding, b: CheckFinding): number {
  return (
    ORDER[a.severity] - ORDER[b.severity] ||
    cmp(a.file, b.file) ||
    (a.rank ?? 0) - (b.rank ?? 0) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    cmp(a.job ?? '', b.job ?? '') ||
    cmp(a.message, b.message)
  );
}

/**
 * A finding as compiler-style text: `file:line: severity: job "x": message`, then the fix indented, so
 * every line names the file and editors and CI logs can jump to it.
 */
export function formatFinding(f: CheckFinding): string {
  const where = f.line !== undefined ? `${f.file}:${f.line}` : f.file;
  const subject = f.job !== undefined ? `job "${f.job}": ` : f.role !== undefined ? `role ${f.role}: ` : '';
  const head = `${where}: ${f.severity}: ${subject}${f.message} [${f.code}]`;
  return f.fix !== undefined ? `${head}\n    fix: ${f.fix}` : head;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
