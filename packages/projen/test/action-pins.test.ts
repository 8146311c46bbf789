import { ACTION_PINS, pinnedUses } from '../src/action-pins';
import { ACTION_INPUTS } from './support/action-inputs';

const pins = Object.entries(ACTION_PINS);

test.each(pins)('%s is pinned to a full 40-hex commit with its release', (_key, pin) => {
  expect(pin.sha).toMatch(/^[0-9a-f]{40}$/);
  expect(pin.version).toMatch(/^v\d+(\.\d+){0,2}$/);
  expect(pin.action).toMatch(/^[\w.-]+\/[\w.-]+$/);
  expect(pinnedUses(pin)).toBe(`${pin.action}@${pin.sha}`);
});

test("every pin has its action's input names recorded for the tests, and nothing else is recorded", () => {
  expect(Object.keys(ACTION_INPUTS).sort()).toEqual(pins.map(([, pin]) => pinnedUses(pin)).sort());
});

// REFERENCE.md §7 verified the first four; the set-up actions of the other runtimes were read from each
// action's repository (latest release tag → commit, tags are lightweight): research notes for issue 10, §3.
test('the pins are the ones REFERENCE.md §7 and the issue-10 research verified', () => {
  expect(Object.values(ACTION_PINS).map((pin) => `${pin.action}@${pin.sha} # ${pin.version}`).sort()).toEqual([
    'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
    'actions/setup-dotnet@a98b56852c35b8e3190ac28c8c2271da59106c68 # v6.0.0',
    'actions/setup-java@b6effb05e454b25005698d916606bdc6ffcbf961 # v5.7.0',
    'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020 # v7.0.0',
    'actions/setup-python@ece7cb06caefa5fff74198d8649806c4678c61a1 # v6.3.0',
    'aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c # v6.2.3',
    'aws-actions/setup-sam@89ddb14d60e682855e3fea4be85b3c56485de310 # v3',
    'ruby/setup-ruby@0dafeac902942906541bc140009cdbf32665b601 # v1.315.0',
  ]);
});
