import { lockstepAsync, type CliResult } from './support/workspace';

const cases = {
  none: [],
  unknown: ['deploy'],
  help: ['--help'],
  helpCheck: ['check', '--help'],
  helpExplain: ['explain', '-h'],
  helpAudit: ['help', 'audit'],
  version: ['--version'],
} satisfies Record<string, string[]>;
let results: Record<keyof typeof cases, CliResult>;

beforeAll(async () => {
  const entries = await Promise.all(Object.entries(cases).map(async ([name, args]) => [name, await lockstepAsync(args)] as const));
  results = Object.fromEntries(entries) as typeof results;
});

describe('the lockstep command', () => {
  it('asks for a command with the usage line and exit 2', () => {
    expect(results.none.status).toBe(2);
    expect(results.none.stderr).toMatch(/^lockstep: missing command\nusage: lockstep <check\|explain\|audit>/);
  });

  it('names the valid commands for an unknown one', () => {
    expect(results.unknown.status).toBe(2);
    expect(results.unknown.stderr).toMatch(/unknown command "deploy"; expected one of check, explain, audit/);
  });

  it('prints an overview and each command\'s help with exit 0', () => {
    expect(results.help.status).toBe(0);
    expect(results.help.stdout).toMatch(/check +prove that the workflows and the trust policies agree/);
    expect(results.helpCheck.status).toBe(0);
    expect(results.helpCheck.stdout).toMatch(/^usage: lockstep check \[--workflow FILE\]\.\.\. \[--trust-policy ROLE=FILE\]\.\.\./);
    expect(results.helpExplain.stdout).toMatch(/^usage: lockstep explain \(--repo OWNER\/REPO --event EVENT/);
    expect(results.helpAudit.stdout).toMatch(/^usage: lockstep audit FILE/);
  });

  it('prints its version', () => {
    expect(results.version.status).toBe(0);
    expect(results.version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
