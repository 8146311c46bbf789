/**
 * Every third-party version the workspace uses, in one table.
 *
 * Pinned exactly where TOOLCHAIN.md found a trap: projen (the install override below depends on its
 * internals), typescript (7.x breaks ts-node and jest transforms), aws-cdk (3.0.0 cannot read
 * aws-cdk-lib 2.276's cloud assembly).
 */
export const VERSIONS = {
  projen: '0.103.25',
  constructs: '10.8.1',
  typescript: '~5.9.3',
  tsx: '4.23.15',
  tsNode: '10.9.2',
  nx: '24.0.6',
  jest: '^30',
  swcJest: '0.2.39',
  swcCore: '1.16.22',
  nodeTypes: '^20',
  zod: '4.6.7',
  yaml: '2.9.1',
  jsYaml: '4.3.2',
  jsYamlTypes: '4.0.9',
  awsCdkLib: '2.276.0',
  awsCdk: '^2.1148.1',
  cdkNag: '3.0.2',
  fastCheck: '4.11.0',
  iamSimulate: '0.1.173',
  iamPolicy: '0.1.109',
  nodeActionlint: '1.6.0',
  actionsLanguageService: '0.3.61',
  languageServerTextDocument: '1.0.16',
  // 11.x: 12.x's parser packages declare Node.js >= 22.
  mermaid: '11.17.2',
  // jsdom 29 still runs on Node.js 20.19 (its engines field); mermaid's parser needs a DOM.
  jsdom: '29.1.1',
} as const;
