import { parseArgs } from '../src/args';
import { UsageError } from '../src/cli-error';

const SPEC = { json: 'flag', repo: 'value', claim: 'list' } as const;

describe('parseArgs', () => {
  it('reads flags, values in both spellings, repeated lists and positionals', () => {
    const a = parseArgs(['file.json', '--json', '--repo', 'o/r', '--claim=a=1', '--claim', 'b=2', '--', '--not-an-option'], SPEC);
    expect([...a.flags]).toEqual(['json']);
    expect(a.values.get('repo')).toBe('o/r');
    expect(a.lists.get('claim')).toEqual(['a=1', 'b=2']);
    expect(a.positionals).toEqual(['file.json', '--not-an-option']);
  });

  it('reads -h and --help as help', () => {
    expect(parseArgs(['-h'], SPEC).flags.has('help')).toBe(true);
    expect(parseArgs(['--help'], SPEC).flags.has('help')).toBe(true);
  });

  it.each([
    [['--nope'], /unknown option "--nope"; expected one of --json, --repo, --claim, --help/],
    [['-x'], /unknown option "-x"/],
    [['--repo'], /option "--repo" needs a value/],
    [['--repo', '--json'], /option "--repo" needs a value/],
    [['--repo='], /option "--repo" needs a value/],
    [['--json=yes'], /option "--json" takes no value/],
    [['--repo', 'a/b', '--repo', 'c/d'], /option "--repo" is given twice/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv, SPEC)).toThrow(UsageError);
    expect(() => parseArgs(argv, SPEC)).toThrow(message);
  });
});
