import { DELETE_MINUTES, stepTimeouts, type StepTimeouts } from '../src/private/step-timeouts';

/** The minutes the steps before sam delete can take at most, as the job runs them. */
const beforeDelete = (t: StepTimeouts, shape: { setUpSteps: number; install: boolean }) =>
  t.checkout + t.setUp * shape.setUpSteps + t.samVersion + (shape.install ? t.install : 0) + t.build + t.credentials + t.claims + t.deploy + t.tests;

const shapes = [
  { setUpSteps: 2, install: true },
  { setUpSteps: 2, install: false },
  { setUpSteps: 1, install: true },
  { setUpSteps: 1, install: false },
];

test.each(shapes)('for every job timeout resolve() accepts (30–360), the steps leave sam delete its minutes (%p)', (shape) => {
  for (let job = 30; job <= 360; job++) {
    const t = stepTimeouts(job, shape);
    expect({ job, total: beforeDelete(t, shape) + t.delete <= job }).toEqual({ job, total: true });
    expect(t.delete).toBe(DELETE_MINUTES);
    for (const minutes of [t.build, t.deploy, t.tests, ...(shape.install ? [t.install] : [])]) expect(minutes).toBeGreaterThanOrEqual(2);
  }
});

test('gives the time beyond the fixed steps to build, deploy and tests, the tests taking the rest', () => {
  const shape = { setUpSteps: 2, install: true };
  const t = stepTimeouts(60, shape);
  expect(beforeDelete(t, shape) + t.delete).toBe(60);
  expect(t.tests).toBeGreaterThanOrEqual(t.build);
});
