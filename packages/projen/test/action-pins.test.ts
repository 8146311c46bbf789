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

test('the pins are the ones REFERENCE.md §7 verified', () => {
  expect(Object.values(ACTION_PINS).map((pin) => `${pin.action}@${pin.sha} # ${pin.version}`).sort()).toEqual([
    'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
    'actions/setup-python@ece7cb06caefa5fff74198d8649806c4678c61a1 # v6.3.0',
    'aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c # v6.2.3',
    'aws-actions/setup-sam@89ddb14d60e682855e3fea4be85b3c56485de310 # v3',
  ]);
});
