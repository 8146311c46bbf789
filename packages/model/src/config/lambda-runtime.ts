/** The language tool chain `sam build` (without a container) needs on PATH for a Lambda runtime. */
export type RuntimeLanguage = 'python' | 'nodejs' | 'java' | 'dotnet' | 'ruby' | 'provided';

/** One Lambda runtime a generated job can build for, as its SAM template's `Runtime` names it. */
export interface LambdaRuntime {
  /** The runtime identifier, e.g. `python3.12`, `nodejs22.x`, `java21`. */
  readonly id: string;
  readonly language: RuntimeLanguage;
  /**
   * The language version the job sets up, as the set-up action takes it: `3.12`, `22`, `21`, `10.0.x`,
   * `3.4`; empty for `provided.al2023`, whose build tools (make, cargo) are on the runner image.
   */
  readonly version: string;
}

const runtime = (id: string, language: RuntimeLanguage, version: string): LambdaRuntime => ({ id, language, version });

/**
 * The Lambda runtimes a generated job supports: in the SAM CLI's `SUPPORTED_RUNTIMES` and not past
 * AWS's block-create date in late 2026. `sam build` only finds an interpreter matching the `Runtime`
 * (python: `sys.version_info` must equal it), so the job sets up exactly this version.
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/lib/utils/architecture.py (SUPPORTED_RUNTIMES, lines 17–50)
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
export const LAMBDA_RUNTIMES: Readonly<Record<string, LambdaRuntime>> = Object.fromEntries(
  [
    runtime('python3.12', 'python', '3.12'),
    runtime('python3.13', 'python', '3.13'),
    runtime('python3.14', 'python', '3.14'),
    runtime('nodejs22.x', 'nodejs', '22'),
    runtime('nodejs24.x', 'nodejs', '24'),
    runtime('java8.al2023', 'java', '8'),
    runtime('java11.al2023', 'java', '11'),
    runtime('java17.al2023', 'java', '17'),
    runtime('java21', 'java', '21'),
    runtime('java25', 'java', '25'),
    runtime('dotnet10', 'dotnet', '10.0.x'),
    runtime('ruby3.3', 'ruby', '3.3'),
    runtime('ruby3.4', 'ruby', '3.4'),
    runtime('provided.al2023', 'provided', ''),
  ].map((r) => [r.id, r]),
);

/**
 * Runtimes a person may still write but the job refuses, with the replacement: deprecated by AWS (new
 * functions blocked), or refused by the SAM CLI itself (`DEPRECATED_RUNTIMES`).
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/lib/build/constants.py
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated
 */
export const RETIRED_LAMBDA_RUNTIMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(['2.7', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11'].map((v) => [`python${v}`, 'python3.12'])),
  ...Object.fromEntries(['4.3', '6.10', '8.10', '10.x', '12.x', '14.x', '16.x', '18.x', '20.x'].map((v) => [`nodejs${v}`, 'nodejs22.x'])),
  'java8': 'java8.al2023',
  'java8.al2': 'java8.al2023',
  'java11': 'java11.al2023',
  'java17': 'java17.al2023',
  'dotnetcore2.0': 'dotnet10',
  'dotnetcore2.1': 'dotnet10',
  'dotnetcore3.1': 'dotnet10',
  'dotnet6': 'dotnet10',
  'dotnet8': 'dotnet10',
  'ruby2.5': 'ruby3.4',
  'ruby2.7': 'ruby3.4',
  'ruby3.2': 'ruby3.4',
  'go1.x': 'provided.al2023',
  'provided': 'provided.al2023',
  'provided.al2': 'provided.al2023',
};
