import { resolveTriggers } from '../../src/github/triggers';

describe('resolveTriggers', () => {
  test('turns pullRequest: true into any base branch', () => {
    expect(resolveTriggers({ pullRequest: true }, 'main').pullRequest).toEqual({ branches: [] });
  });

  test('turns workflowDispatch and mergeGroup true into the default branch', () => {
    const triggers = resolveTriggers({ workflowDispatch: true, mergeGroup: true }, 'trunk');
    expect(triggers.workflowDispatch).toEqual({ branches: ['trunk'] });
    expect(triggers.mergeGroup).toEqual({ branches: ['trunk'] });
  });

  test('leaves a trigger set to false off', () => {
    expect(resolveTriggers({ pullRequest: false, workflowDispatch: false }, 'main')).toMatchObject({ pullRequest: undefined, workflowDispatch: undefined });
  });

  test('sorts and deduplicates lists', () => {
    const triggers = resolveTriggers({ push: { branches: ['b', 'a', 'b'], tags: ['v2', 'v1'] }, schedule: ['5 * * * *', '0 * * * *'] }, 'main');
    expect(triggers).toMatchObject({ pushBranches: ['a', 'b'], pushTags: ['v1', 'v2'], schedule: ['0 * * * *', '5 * * * *'] });
  });
});
