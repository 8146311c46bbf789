import { SAM_TESTING_SUPPORTED_RESOURCES } from './sam-testing-profile';

/**
 * The CloudFormation types the `sam-lambda-testing` execution role can create and delete: those of the supported
 * list, and those the SAM transform expands the supported features into.
 * @see https://github.com/aws/serverless-application-model/tree/7000d0a3b0e5e0d9fca014ce135850718aad1290/tests/translator/output
 */
export const SAM_TESTING_CLOUDFORMATION_TYPES: readonly string[] = [
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Stage',
  'AWS::DynamoDB::Table',
  'AWS::Events::Rule',
  'AWS::IAM::Role',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Function',
  'AWS::Lambda::LayerVersion',
  'AWS::Lambda::Permission',
  'AWS::Lambda::Url',
  'AWS::Logs::LogGroup',
  'AWS::SNS::Subscription',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
];

/** SAM function event types the profile covers. */
const SUPPORTED_EVENTS = ['Api', 'HttpApi', 'SQS', 'SNS', 'Schedule', 'DynamoDB'];

/**
 * Function properties whose resources or calls the profile doesn't grant, with what they need: the SAM transform
 * turns them into resource types outside {@link SAM_TESTING_CLOUDFORMATION_TYPES}, or the Lambda handler calls
 * services the execution role can't (research notes handler-permissions.md: AWS::Lambda::Function's create).
 */
const UNSUPPORTED_FUNCTION_PROPERTIES: Readonly<Record<string, string>> = {
  AutoPublishAlias: 'SAM adds an AWS::Lambda::Version and an AWS::Lambda::Alias',
  ProvisionedConcurrencyConfig: 'it needs AutoPublishAlias and lambda:PutProvisionedConcurrencyConfig',
  DeploymentPreference: 'SAM adds a CodeDeploy application, deployment group and service role',
  EventInvokeConfig: 'SAM adds an AWS::Lambda::EventInvokeConfig',
  VpcConfig: 'the Lambda handler describes security groups, subnets and VPCs (ec2:Describe*)',
  FileSystemConfigs: 'the Lambda handler describes EFS mount targets',
  KmsKeyArn: 'the Lambda handler creates a KMS grant',
  CodeSigningConfigArn: 'the Lambda handler reads and attaches a code signing config',
};

/** Name properties that, given as a fixed value, would escape the repository's scope (and collide between runs). */
const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::Events::Rule': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
};

/** One thing the repository's role couldn't deploy, with the fix. */
export interface PreflightFinding {
  readonly severity: 'error' | 'warning';
  readonly code: 'unsupported-resource' | 'unsupported-event' | 'unsupported-property' | 'missing-boundary' | 'wrong-boundary' | 'name-escapes-scope' | 'runtime-mismatch' | 'not-a-template';
  /** The logical id, or `Globals`. */
  readonly resource?: string;
  readonly message: string;
  readonly fix: string;
}

/** What a template is checked against. */
export interface PreflightOptions {
  /** The function boundary every function role must carry; when known, a literal boundary must be this one. @default any boundary */
  readonly functionBoundaryArn?: string;
  /** The Lambda runtime the workflow sets up for `sam build` (`python3.12`, `nodejs22.x`, …); a function with another Runtime can't build. @default not checked */
  readonly runtime?: string;
  /** Resource types the role's extra statements are meant for: not reported as unsupported. @default none */
  readonly extraTypes?: readonly string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a SAM or CloudFormation template asks for that a `sam-lambda-testing` role can't deploy: resource types
 * and events outside the supported set, functions without the permissions boundary, fixed names that escape the
 * repository's scope, a Python runtime the workflow doesn't set up. Intrinsics are expected in their long form
 * (`{"Ref": …}`, `{"Fn::Sub": …}`), as a YAML reader that maps the short tags gives them.
 */
export function preflightTemplate(template: unknown, options: PreflightOptions = {}): PreflightFinding[] {
  if (!isObject(template) || !isObject(template.Resources)) {
    return [{ severity: 'error', code: 'not-a-template', message: 'no Resources section: not a SAM or CloudFormation template', fix: 'pass the template sam deploys (template.yaml)' }];
  }
  const findings: PreflightFinding[] = [];
  const globals = isObject(template.Globals) && isObject(template.Globals.Function) ? template.Globals.Function : {};
  const supported = new Set([...SAM_TESTING_SUPPORTED_RESOURCES.map((r) => r.type), ...SAM_TESTING_CLOUDFORMATION_TYPES, ...(options.extraTypes ?? [])]);
  const resources = template.Resources;
  for (const id of Object.keys(resources).sort()) {
    const resource = resources[id];
    const type = isObject(resource) && typeof resource.Type === 'string' ? resource.Type : '(no Type)';
    const props = isObject(resource) && isObject(resource.Properties) ? resource.Properties : {};
    if (!supported.has(type)) {
      findings.push({
        severity: 'error', code: 'unsupported-resource', resource: id,
        message: `${type} is not in what the sam-lambda-testing role can deploy`,
        fix: `remove ${id} from the test template, or give the role roles.<role>.extraStatements with the actions its CloudFormation handler calls (and why)`,
      });
      continue;
    }
    const nameProperty = NAME_PROPERTIES[type];
    const name = nameProperty !== undefined ? props[nameProperty] : undefined;
    if (name !== undefined && !startsWithStackName(name) && !(type === 'AWS::Logs::LogGroup' && namesFunctionLogs(name, resources))) {
      findings.push({
        severity: 'error', code: 'name-escapes-scope', resource: id,
        message: `${nameProperty} ${JSON.stringify(name)} is fixed: it escapes the repository's scope and collides between runs`,
        fix: type === 'AWS::Logs::LogGroup'
          ? `remove ${nameProperty}, so that CloudFormation names it after the stack, or name a function's logs: !Sub "/aws/lambda/\${<function>}"`
          : `remove ${nameProperty}, so that CloudFormation names it after the stack`,
      });
    }
    if (type === 'AWS::Serverless::LayerVersion' && !startsWithStackName(props.LayerName)) {
      findings.push({
        severity: 'error', code: 'name-escapes-scope', resource: id,
        message: props.LayerName === undefined ? 'the layer has no LayerName: SAM names it after its logical id, outside the repository\'s stacks' : `LayerName ${JSON.stringify(props.LayerName)} doesn't start with the stack name`,
        fix: `set LayerName: !Sub "\${AWS::StackName}-${id.toLowerCase()}" (layers carry no tags, so their name is their scope)`,
      });
    }
    if (type === 'AWS::Serverless::Function' || type === 'AWS::Lambda::Function') {
      findings.push(...functionFindings(id, type, props, globals, resources, options));
    }
  }
  return findings;
}

function functionFindings(id: string, type: string, props: Json, globals: Json, resources: Json, options: PreflightOptions): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  if (type === 'AWS::Serverless::Function' && props.Role === undefined) {
    const boundary = props.PermissionsBoundary ?? globals.PermissionsBoundary;
    if (boundary === undefined) {
      findings.push({
        severity: 'error', code: 'missing-boundary', resource: id,
        message: 'the function\'s role has no permissions boundary, so the role may not create it',
        fix: `set PermissionsBoundary${options.functionBoundaryArn ? `: ${options.functionBoundaryArn}` : ''} under Globals.Function (or on ${id})`,
      });
    } else if (options.functionBoundaryArn !== undefined && typeof boundary === 'string' && boundary !== options.functionBoundaryArn) {
      findings.push({
        severity: 'error', code: 'wrong-boundary', resource: id,
        message: `PermissionsBoundary ${JSON.stringify(boundary)} is not the role's function boundary`,
        fix: `set PermissionsBoundary: ${options.functionBoundaryArn}`,
      });
    }
    const events = isObject(props.Events) ? props.Events : {};
    for (const name of Object.keys(events).sort()) {
      const event = events[name];
      const eventType = isObject(event) ? event.Type : undefined;
      if (typeof eventType === 'string' && !SUPPORTED_EVENTS.includes(eventType)) {
        findings.push({
          severity: 'error', code: 'unsupported-event', resource: id,
          message: `event ${name} of type ${eventType} is not covered (supported: ${SUPPORTED_EVENTS.join(', ')})`,
          fix: eventType === 'ScheduleV2' ? 'use Type: Schedule (an EventBridge rule); ScheduleV2 creates a role without the boundary' : `remove event ${name}, or give the role extra statements for what it creates`,
        });
      }
    }
  }
  for (const [property, why] of Object.entries(UNSUPPORTED_FUNCTION_PROPERTIES)) {
    // Globals.Function applies to SAM functions only.
    const where = props[property] !== undefined ? id : type === 'AWS::Serverless::Function' && globals[property] !== undefined ? 'Globals.Function' : undefined;
    if (where === undefined) continue;
    findings.push({
      severity: 'error', code: 'unsupported-property', resource: id,
      message: `${property}${where === id ? '' : ' (from Globals.Function)'} is not in what the sam-lambda-testing role can deploy: ${why}`,
      fix: `remove ${property} from ${where} in the test template, or give the role roles.<role>.extraStatements with what it needs (and why)`,
    });
  }
  const roleRef = isObject(props.Role) ? (props.Role['Fn::GetAtt'] as unknown) : undefined;
  const roleId = Array.isArray(roleRef) ? roleRef[0] : undefined;
  if (typeof roleId === 'string' && isObject(resources[roleId]) && isObject((resources[roleId] as Json).Properties)
    && ((resources[roleId] as Json).Properties as Json).PermissionsBoundary === undefined) {
    findings.push({
      severity: 'error', code: 'missing-boundary', resource: roleId,
      message: `the role of ${id} has no PermissionsBoundary, so the role may not create it`,
      fix: `set PermissionsBoundary${options.functionBoundaryArn ? `: ${options.functionBoundaryArn}` : ''} on ${roleId}`,
    });
  }
  const runtime = props.Runtime ?? globals.Runtime;
  // sam build without a container needs the function's runtime on PATH, and the job sets up one runtime.
  if (options.runtime !== undefined && typeof runtime === 'string' && runtime !== options.runtime) {
    findings.push({
      severity: 'error', code: 'runtime-mismatch', resource: id,
      message: `Runtime ${runtime}, but the workflow sets up ${options.runtime}: sam build needs the function's runtime on the runner`,
      fix: `set Runtime: ${options.runtime}, or set lambdaTests.runtime to ${runtime} in the config`,
    });
  }
  return findings;
}

/**
 * `!Sub /aws/lambda/${Fn}` of a function of the template: the log group Lambda writes that function's logs to,
 * declared to set its retention; the role may tag it (its name starts like the repository's functions').
 */
function namesFunctionLogs(value: unknown, resources: Json): boolean {
  if (!isObject(value)) return false;
  const sub = value['Fn::Sub'];
  const match = typeof sub === 'string' ? /^\/aws\/lambda\/\$\{([A-Za-z0-9]+)\}$/.exec(sub) : null;
  const target = match ? resources[match[1]] : undefined;
  return isObject(target) && (target.Type === 'AWS::Serverless::Function' || target.Type === 'AWS::Lambda::Function');
}

/** Whether a name is `!Sub "${AWS::StackName}…"` (or `!Ref AWS::StackName`): unique per run, inside the repository's prefix. */
function startsWithStackName(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (value.Ref === 'AWS::StackName') return true;
  const sub = value['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  return typeof text === 'string' && text.startsWith('${AWS::StackName}');
}
