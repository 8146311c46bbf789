import { SUB_KEY } from '../../src/github/github-oidc';
import { parsePolicyDocument, PolicyParseError } from '../../src/iam/policy-document';

const PROVIDER = 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com';
const DOCUMENT = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { [SUB_KEY]: ['repo:honeyhiveai/deployments:*'] } },
    },
  ],
};

function parseError(text: string): PolicyParseError {
  try {
    parsePolicyDocument(text);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyParseError);
    return e as PolicyParseError;
  }
  throw new Error('expected a PolicyParseError');
}

describe('parsePolicyDocument', () => {
  test('reads a bare policy document', () => {
    expect(parsePolicyDocument(JSON.stringify(DOCUMENT, null, 2))).toEqual(DOCUMENT);
  });

  test('reads the output of aws iam get-role with the document as an object', () => {
    const text = JSON.stringify({ Role: { RoleName: 'GitHubActionsOIDCRoleDeployments-testing', AssumeRolePolicyDocument: DOCUMENT } });
    expect(parsePolicyDocument(text)).toEqual(DOCUMENT);
  });

  test('reads the output of aws iam get-role with a URL-encoded document', () => {
    const text = JSON.stringify({ Role: { AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(DOCUMENT)) } });
    expect(parsePolicyDocument(text)).toEqual(DOCUMENT);
  });

  test('reads a URL-encoded document as the IAM API returns it', () => {
    const encoded = encodeURIComponent(JSON.stringify(DOCUMENT));
    expect(encoded.startsWith('%7B%22Version%22')).toBe(true);
    expect(parsePolicyDocument(encoded)).toEqual(DOCUMENT);
  });

  test('reads a CloudFormation AWS::IAM::Role resource, its Properties, or its AssumeRolePolicyDocument', () => {
    const resource = { Type: 'AWS::IAM::Role', Properties: { RoleName: 'r', AssumeRolePolicyDocument: DOCUMENT } };
    expect(parsePolicyDocument(JSON.stringify(resource))).toEqual(DOCUMENT);
    expect(parsePolicyDocument(JSON.stringify(resource.Properties))).toEqual(DOCUMENT);
    expect(parsePolicyDocument(JSON.stringify(DOCUMENT))).toEqual(DOCUMENT);
  });

  test('turns a single statement object into a list of one', () => {
    const doc = parsePolicyDocument(JSON.stringify({ ...DOCUMENT, Statement: DOCUMENT.Statement[0] }));
    expect(doc.Statement).toEqual(DOCUMENT.Statement);
  });

  test('keeps booleans and turns numbers in condition values into strings', () => {
    const doc = parsePolicyDocument(
      JSON.stringify({ Statement: [{ ...DOCUMENT.Statement[0], Condition: { Bool: { 'aws:x': true }, NumericEquals: { 'aws:n': [1, 2] } } }] }),
    );
    expect(doc.Statement[0].Condition).toEqual({ Bool: { 'aws:x': true }, NumericEquals: { 'aws:n': ['1', '2'] } });
  });

  test('fails on text that is not JSON, saying what was expected', () => {
    const e = parseError('Statement = [{ Effect = "Allow" }]');
    expect(e.message).toMatch(/^the input is not JSON \(.*\); expected a policy document, the output of `aws iam get-role`/);
    expect(e.message).not.toContain('\n');
  });

  test('fails on empty input', () => {
    expect(parseError('  ').message).toMatch(/^the input is empty; expected a policy document/);
  });

  test('fails on malformed percent-encoding', () => {
    expect(parseError('%7B%ZZ').message).toMatch(/URL-encoded/);
  });

  test('fails on a JSON object without Statement, naming its keys', () => {
    expect(parseError('{"Version":"2012-10-17","Foo":1}').message).toBe(
      'expected a policy document, the output of `aws iam get-role`, a URL-encoded policy, or a CloudFormation AWS::IAM::Role; got an object with keys "Version", "Foo" and no "Statement"',
    );
  });

  test('fails on a CloudFormation resource of another type', () => {
    expect(parseError('{"Type":"AWS::S3::Bucket","Properties":{}}').message).toBe(
      'Type: expected a CloudFormation resource of type "AWS::IAM::Role", got the string "AWS::S3::Bucket"',
    );
  });

  test('fails on get-role output without AssumeRolePolicyDocument', () => {
    expect(parseError('{"Role":{"RoleName":"x"}}').message).toMatch(/^Role: expected the output of `aws iam get-role`/);
  });

  test('fails on a statement without Effect, naming the path', () => {
    const text = JSON.stringify({ Statement: [{ Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity' }] });
    expect(parseError(text).message).toBe('Statement[0].Effect: expected "Allow" or "Deny", got nothing');
  });

  test('fails on an Effect in the wrong case', () => {
    const text = JSON.stringify({ Statement: [{ ...DOCUMENT.Statement[0], Effect: 'allow' }] });
    expect(parseError(text).message).toBe('Statement[0].Effect: expected "Allow" or "Deny", got the string "allow"');
  });

  test('fails on a statement with neither Action nor NotAction', () => {
    const text = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*' }] });
    expect(parseError(text).message).toBe('Statement[0]: expected exactly one of "Action" and "NotAction"');
  });

  test('fails on a statement with both Principal and NotPrincipal', () => {
    const text = JSON.stringify({ Statement: [{ ...DOCUMENT.Statement[0], NotPrincipal: '*' }] });
    expect(parseError(text).message).toBe('Statement[0]: expected exactly one of "Principal" and "NotPrincipal"');
  });

  test('fails on a condition value of the wrong type, naming the key', () => {
    const text = JSON.stringify({ Statement: [{ ...DOCUMENT.Statement[0], Condition: { StringLike: { [SUB_KEY]: { a: 1 } } } }] });
    expect(parseError(text).message).toBe(
      'Statement[0].Condition.StringLike["token.actions.githubusercontent.com:sub"]: expected a string, a boolean or a list of strings, got an object with keys "a"',
    );
  });

  test('fails on an unresolved CloudFormation intrinsic, suggesting the deployed value', () => {
    const text = JSON.stringify({ Statement: [{ ...DOCUMENT.Statement[0], Principal: { Federated: { Ref: 'GitHubProvider' } } }] });
    expect(parseError(text).message).toMatch(/^Statement\[0\]\.Principal\.Federated: expected a principal as a string or a list of strings, got the CloudFormation intrinsic \{"Ref": …\}/);
  });

  test('fails on a Resource, which a trust policy cannot have', () => {
    const text = JSON.stringify({ Statement: [{ ...DOCUMENT.Statement[0], Resource: '*' }] });
    expect(parseError(text).message).toMatch(/^Statement\[0\]\.Resource: a trust policy has no Resource/);
  });

  test('fails on an unknown statement field and an unknown principal type', () => {
    expect(parseError(JSON.stringify({ Statement: [{ ...DOCUMENT.Statement[0], Conditions: {} }] })).message).toMatch(/^Statement\[0\]\.Conditions: unexpected field/);
    expect(parseError(JSON.stringify({ Statement: [{ ...DOCUMENT.Statement[0], Principal: { Github: 'x' } }] })).message).toMatch(/^Statement\[0\]\.Principal\.Github: unknown principal type/);
  });

  test('fails on an unknown policy Version', () => {
    expect(parseError(JSON.stringify({ ...DOCUMENT, Version: '2020-01-01' })).message).toBe(
      'Version: expected "2012-10-17" or "2008-10-17", got the string "2020-01-01"',
    );
  });

  test('is an Error whose name is PolicyParseError', () => {
    const e = parseError('[]');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('PolicyParseError');
  });
});
