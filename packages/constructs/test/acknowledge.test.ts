import { App, Stack } from 'aws-cdk-lib';
import { acknowledge } from '../src/private/acknowledge';

// aws-cdk-lib core/lib/validation/validations.js: `acknowledge` records each rule's reason under this key,
// which the validation report reads to leave the finding out.
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

describe('acknowledge', () => {
  test('records every finding with its reason on the construct, as Validations.acknowledge does', () => {
    const stack = new Stack(new App(), 'S');
    acknowledge(stack, [{ id: 'AwsSolutions-S1', reason: 'why one' }, { id: 'AwsSolutions-IAM5[Resource::arn:aws:s3:::b/*]', reason: 'why two' }]);
    const recorded = stack.node.metadata.filter((m) => m.type === ACKNOWLEDGED_RULES);
    expect(recorded.map((m) => Object.values(m.data as Record<string, string>))).toEqual([['why one'], ['why two']]);
    // Without the stack trace CDK would otherwise render for each: no frame of this file in it.
    expect(JSON.stringify(recorded.map((m) => m.trace ?? []))).not.toContain('acknowledge.test');
  });

  test('restores the stack trace limit, also when acknowledging throws', () => {
    const limit = Error.stackTraceLimit;
    expect(() => acknowledge(undefined as unknown as Stack, [{ id: 'AwsSolutions-S1', reason: 'r' }])).toThrow();
    expect(Error.stackTraceLimit).toBe(limit);
    acknowledge(new Stack(new App(), 'S'), [{ id: 'AwsSolutions-S1', reason: 'r' }]);
    expect(Error.stackTraceLimit).toBe(limit);
  });
});
