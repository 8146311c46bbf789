// BackgroundReader parses many templates and workflows on a worker thread as well as on the main thread:
// whichever thread reads a file, `check` must get exactly what reading it on the main thread gives — the same
// workflow, the same findings about the file, the same roles of a template, the same error at the same file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JsonCache } from '../src/cache';
import { InputError } from '../src/cli-error';
import { staticCredentialFindings } from '../src/static-credentials';
import { readWorkflowFile, type WorkflowFile } from '../src/workflow-file';
import { workflowHygiene } from '../src/workflow-hygiene';
import { BackgroundReader, type FileToRead } from '../src/background-reader';
import { environmentOfStack, type ResolvedConfig } from '@lockstep/model';
import { readTemplateRoles, type TemplateEnvironment } from '../src/cfn-template';
import { parseTemplate, rolesView } from '../src/template-json';
import { makeWorkspace, REPO_ROOT, removeTemps, repositoryConfig, tempDir } from './support/workspace';

afterAll(removeTemps);

const SHA = 'e6de054238d6b7531b4efff3b6587d9aade6a06c';

/** A workflow per index, of several shapes: pinned and unpinned actions, static keys, aliases, a called workflow. */
function workflowText(i: number): string {
  const pinned = i % 3 === 0 ? 'aws-actions/configure-aws-credentials@v4' : `aws-actions/configure-aws-credentials@${SHA}`;
  const keys = i % 4 === 0 ? `\n          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}` : '';
  return `name: w${i}
on:
  push: { branches: [main] }
  pull_request: &pr
    branches: [main]
permissions: { contents: read }
jobs:
  test:
    runs-on: ubuntu-latest
    permissions: { id-token: write, contents: read }
    environment: env-${i % 2}
    steps:
      - uses: actions/checkout@${SHA}
      - uses: ${pinned}
        with:
          role-to-assume: arn:aws:iam::111111111111:role/R${i}
          aws-region: eu-west-1${keys}
      - run: echo "* $GITHUB_REF" # an asterisk that is no alias
  call:
    uses: org/platform/.github/workflows/x.yml@${SHA}
    with: { other: *pr }
`;
}

/** `count` workflow files, with `broken` ones replaced: index → text (or `null`: no such file). */
function workspace(count: number, broken: Record<number, string | null> = {}): { root: string; files: FileToRead[] } {
  const root = tempDir('lockstep-reader-');
  const files: FileToRead[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(root, `w${i}.yml`);
    const text = i in broken ? broken[i] : workflowText(i);
    if (text !== null) fs.writeFileSync(file, text);
    files.push({ file, shown: `w${i}.yml` });
  }
  return { root, files };
}

/** What the main thread alone makes of a file: the workflow and its findings, or the error's message. */
function inThread({ file, shown }: FileToRead): { workflow: WorkflowFile; findings: unknown[] } | string {
  try {
    const workflow = readWorkflowFile(file, shown);
    return { workflow, findings: [...workflowHygiene(workflow, shown), ...staticCredentialFindings(workflow, shown)] };
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
}

function throughReader(reader: BackgroundReader, { file, shown }: FileToRead): { workflow: WorkflowFile; findings: unknown[] } | string {
  try {
    const { workflow, findings } = reader.workflow(file, shown);
    return { workflow, findings: [...findings] };
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
}

describe('BackgroundReader', () => {
  it('gives what the main thread gives when the worker reads every file (workflows, findings, errors in place)', () => {
    const { root, files } = workspace(12, { 4: 'on: [push\njobs: {}', 7: null, 9: 'just: text' });
    const reader = BackgroundReader.open({ templates: [], workflows: files }, JsonCache.open(root, 'workflows'), { minWorkflows: 1, share: false });
    try {
      expect(reader.parallel).toBe(true);
      const read = files.map((f) => throughReader(reader, f));
      expect(reader.parallel).toBe(true); // the worker answered every file: it was never given up
      expect(read).toEqual(files.map(inThread));
      // The cases above are really there: findings, and the three errors where their files are.
      expect(read.filter((r) => typeof r !== 'string' && r.findings.length > 0).length).toBeGreaterThan(3);
      expect(read.map((r, i) => (typeof r === 'string' ? i : -1)).filter((i) => i >= 0)).toEqual([4, 7, 9]);
    } finally {
      reader.close();
    }
  });

  it('gives the same when both threads take files, and when there is no worker', () => {
    const { root, files } = workspace(40);
    const expected = files.map(inThread);
    for (const options of [{ minWorkflows: 1 }, { minWorkflows: 1000 }]) {
      const reader = BackgroundReader.open({ templates: [], workflows: files }, JsonCache.open(root, 'workflows'), options);
      try {
        expect(reader.parallel).toBe(options.minWorkflows === 1);
        expect(files.map((f) => throughReader(reader, f))).toEqual(expected);
      } finally {
        reader.close();
      }
    }
  });

  it('fills the cache from the worker, and starts none when the cache already holds most files', () => {
    const { root, files } = workspace(6);
    fs.mkdirSync(path.join(root, 'node_modules'));
    const first = JsonCache.open<Omit<WorkflowFile, 'file'>>(root, 'workflows');
    const reader = BackgroundReader.open({ templates: [], workflows: files }, first, { minWorkflows: 1, share: false });
    files.forEach((f) => reader.workflow(f.file, f.shown));
    reader.close();
    first.save();
    const warm = JsonCache.open<Omit<WorkflowFile, 'file'>>(root, 'workflows');
    expect(warm.size).toBe(6);
    const again = BackgroundReader.open({ templates: [], workflows: files }, warm, { minWorkflows: 1 });
    expect(again.parallel).toBe(false);
    expect(files.map((f) => throughReader(again, f))).toEqual(files.map(inThread));
  });

  it('gives each template as the worker parsed it, and its error where the template is', () => {
    const { root, files } = workspace(3);
    const good = path.join(root, 'Lockstep-a.template.json');
    fs.writeFileSync(good, JSON.stringify(HAND_MADE));
    const bad = path.join(root, 'Lockstep-b.template.json');
    fs.writeFileSync(bad, '{"Resources": []}');
    const templates = [{ file: good, shown: 'a.json' }, { file: bad, shown: 'b.json' }];
    const reader = BackgroundReader.open({ templates, workflows: files }, JsonCache.open(root, 'workflows'), { minWorkflows: 1, share: false });
    try {
      expect(reader.template(good)).toEqual(rolesView(parseTemplate(fs.readFileSync(good, 'utf8'), 'a.json')));
      expect(() => reader.template(bad)).toThrow(new InputError(errorOf(() => parseTemplate('{"Resources": []}', 'b.json'))));
      expect(reader.parallel).toBe(true);
    } finally {
      reader.close();
    }
  });
});

/**
 * A template with what reading roles resolves: a parameter, an OIDC provider in the stack, a Ref to another
 * resource (an error that names its Type), a StackSet whose TemplateBody holds a role, permissions policies
 * and properties the roles view leaves out, a resource called `__proto__`.
 */
const HAND_MADE = {
  Parameters: { Org: { Type: 'String', Default: 'scale-org' }, Bare: { Type: 'String' } },
  Resources: {
    Provider: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] } },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b' } },
    RoleA: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: 'A',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Federated: { Ref: 'Provider' } }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': { 'Fn::Sub': 'repo:${Org}/a:ref:refs/heads/main' } } } }],
        },
        Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }],
        MaxSessionDuration: 3600,
      },
    },
    RoleB: { Type: 'AWS::IAM::Role', Properties: { RoleName: { Ref: 'Bare' }, Path: '/ci/', AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Federated: { Ref: 'Bucket' } }, Action: 'sts:AssumeRoleWithWebIdentity' }] } } },
    RoleC: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'C', Path: '/ci/', AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Federated: { Ref: 'Bucket' } }, Action: 'sts:AssumeRoleWithWebIdentity' }] } } },
    ['__proto__']: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 't' } },
    Set: {
      Type: 'AWS::CloudFormation::StackSet',
      Properties: {
        StackSetName: 's',
        TemplateBody: JSON.stringify({ Resources: { RoleD: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'D', AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] } } } } }),
      },
    },
  },
};

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('rolesView', () => {
  /** The roles of a template file, read from the whole template and from its roles view. */
  const both = (file: string, env: TemplateEnvironment) => {
    const whole = readTemplateRoles(file, 'shown', env);
    const viewed = readTemplateRoles(file, 'shown', env, rolesView(parseTemplate(fs.readFileSync(file, 'utf8'), 'shown')));
    return { whole, viewed };
  };

  it('holds everything readTemplateRoles reads of a template, with the stack\'s environment known', () => {
    const file = path.join(tempDir('lockstep-view-'), 'Lockstep-x.template.json');
    fs.writeFileSync(file, JSON.stringify(HAND_MADE));
    expect(fs.readFileSync(file, 'utf8')).toContain('"__proto__":{"Type":"AWS::SNS::Topic"');
    const { whole, viewed } = both(file, { account: '111111111111', region: 'eu-west-1', stackName: 'Lockstep-x' });
    expect(viewed).toEqual(whole);
    // The cases are there: a resolved role, one whose trust policy stays unresolved, the StackSet's role.
    expect(whole.map((r) => [r.name, r.trustPolicy !== undefined])).toEqual([['A', true], ['C', false], ['D', true]]);
  });

  it('gives the roles of the templates Lockstep writes: this repository\'s, and those of test workspaces with intrinsics', () => {
    const cases: { root: string; config: ResolvedConfig }[] = [
      { root: REPO_ROOT, config: repositoryConfig() },
      ...(['planned', 'environment'] as const).map((layout) => makeWorkspace({ intrinsics: true, layout })),
    ];
    let roles = 0;
    for (const { root, config } of cases) {
      const dir = path.join(root, 'apps', 'infra', 'templates');
      for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
        const stackName = name.replace(/(\.template)?\.json$/, '');
        const env = environmentOfStack(config, stackName);
        if (env === undefined) continue;
        const { whole, viewed } = both(path.join(dir, name), { account: env.account, region: env.region, stackName });
        expect(viewed).toEqual(whole);
        roles += whole.length;
      }
    }
    expect(roles).toBeGreaterThan(5);
  });
});

