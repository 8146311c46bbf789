import { LONG, runAll, type CliResult } from './support/workspace';

const cases = {
  none: [],
  unknown: ['deploy'],
  help: ['--help'],
  helpCheck: ['check', '--help'],
  helpExplain: ['explain', '-h'],
  helpAudit: ['help', 'audit'],
  helpSync: ['sync', '--help'],
  version: ['--version'],
} satisfies Record<string, string[]>;
let results: Record<keyof typeof cases, CliResult>;

beforeAll(async () => {
  results = await runAll(cases);
}, LONG);

describe('the lockstep command', () => {
  it('asks for a command with the usage line and exit 2', () => {
    expect(results.none.status).toBe(2);
    expect(results.none.stderr).toMatch(/^lockstep: missing command\nusage: lockstep <check\|explain\|audit\|sync\|scan\|migrate\|preflight>/);
  });

  it('names the valid commands for an unknown one', () => {
    expect(results.unknown.status).toBe(2);
    expect(results.unknown.stderr).toMatch(/unknown command "deploy"; expected one of check, explain, audit, sync, scan, migrate, preflight$/m);
  });

  it('prints an overview and each command\'s help with exit 0', () => {
    expect(results.help.status).toBe(0);
    expect(results.help.stdout).toMatch(/check +prove that the workflows and the trust policies agree/);
    expect(results.helpCheck.status).toBe(0);
    expect(results.helpCheck.stdout).toMatch(/^usage: lockstep check \[--workflow FILE\]\.\.\. \[--trust-policy ROLE=FILE\]\.\.\./);
    expect(results.helpExplain.stdout).toMatch(/^usage: lockstep explain \(--repo OWNER\/REPO --event EVENT/);
    expect(results.helpAudit.stdout).toMatch(/^usage: lockstep audit FILE/);
    expect(results.help.stdout).toMatch(/sync +copy a repository's generated files into its local checkout, then check them/);
    expect(results.helpSync.status).toBe(0);
    expect(results.helpSync.stdout).toMatch(/^usage: lockstep sync REPO --to DIR \[--dry-run\] \[--force\] \[--json\] \[--root DIR\]\n/);
  });

  it('prints its version', () => {
    expect(results.version.status).toBe(0);
    expect(results.version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('the CLI boundary', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), cwd: process.cwd() } };
  };

  it('prints the stack of an unexpected exception, says it is a bug, and exits 70', () => {
    jest.isolateModules(() => {
      jest.doMock('../src/commands/audit', () => ({
        audit: { name: 'audit', summary: 's', usage: 'u', help: 'h', options: {}, run: () => { throw new TypeError('boom'); } },
      }));
      const { main } = require('../src/main') as typeof import('../src/main');
      const { err, io: sink } = io();
      expect(main(['audit'], sink)).toBe(70);
      expect(err.join('')).toMatch(/^lockstep audit: internal error — this is a bug in Lockstep, not a problem with your files\..*\nTypeError: boom\n\s+at /s);
    });
  });

  it('prints a user error without a stack and exits 2', () => {
    jest.isolateModules(() => {
      const { InputError } = require('../src/cli-error') as typeof import('../src/cli-error');
      jest.doMock('../src/commands/audit', () => ({
        audit: { name: 'audit', summary: 's', usage: 'u', help: 'h', options: {}, run: () => { throw new InputError('x.json: no such policy file'); } },
      }));
      const { main } = require('../src/main') as typeof import('../src/main');
      const { err, io: sink } = io();
      expect(main(['audit'], sink)).toBe(2);
      expect(err.join('')).toBe('lockstep audit: x.json: no such policy file\n');
    });
  });
});
