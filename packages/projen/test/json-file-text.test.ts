import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JsonFile, Project } from 'projen';
import { jsonFileText } from '../../../projenrc/template-text';

// projenrc/infra-synthesis-cache.ts prints a freshly synthesized template itself instead of handing the object
// to a JsonFile; the template files must stay byte-identical to what projen 0.103.25 writes.
function projenWrites(obj: Record<string, unknown>): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-json-'));
  const project = new Project({ name: 'json', outdir });
  new JsonFile(project, 'out.template.json', { obj, marker: false, committed: true, readonly: true });
  project.synth();
  return fs.readFileSync(path.join(outdir, 'out.template.json'), 'utf8');
}

describe('jsonFileText prints a JSON value as projen\'s JsonFile writes it', () => {
  test.each([
    ['a CloudFormation-like template', {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: 'Lockstep — roles → trust',
      Resources: { Role1: { Type: 'AWS::IAM::Role', Properties: { Path: '/', MaxSessionDuration: 3600, Tags: [], Policies: [{ PolicyName: 'p' }] } } },
      Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Role1', 'Arn'] } } },
    }],
    ['null and empty values, numbers, nested arrays', { a: null, b: [], c: {}, d: [1, null, [2, null], { e: null }], f: 1.5, g: -0, h: 1e21, i: '' }],
    ['integer-like keys, which JavaScript orders first', { b: 1, 10: 'ten', 2: 'two', a: true }],
    ['escapes and non-ASCII text', { s: 'line\nbreak "quoted" \\ \u2028 😀 <tag> &' }],
  ])('%s', (_, obj) => {
    expect(jsonFileText(obj)).toBe(projenWrites(obj as Record<string, unknown>));
  });
});
