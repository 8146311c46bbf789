import * as path from 'node:path';

/**
 * The `samconfig.toml` that `sam init` writes into a new project, as its defaults table lists it: note
 * `resolve_s3 = true` for `deploy`.
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/lib/init/default_samconfig.py (lines 36–59)
 */
export const SAM_INIT_SAMCONFIG = `version = 0.1

[default.global.parameters]
stack_name = "python-sdk-tests"

[default.build.parameters]
cached = true
parallel = true

[default.validate.parameters]
lint = true

[default.deploy.parameters]
capabilities = "CAPABILITY_IAM"
confirm_changeset = true
resolve_s3 = true

[default.package.parameters]
resolve_s3 = true
`;

type Table = Record<string, string | boolean | number>;

/** The `[section]` tables of a samconfig written like {@link SAM_INIT_SAMCONFIG} (strings, booleans, numbers). */
function parseSamconfig(text: string): Record<string, Table> {
  const tables: Record<string, Table> = { '': {} };
  let current = tables[''];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[([\w.-]+)\]$/.exec(line);
    if (header) {
      current = tables[header[1]] = {};
      continue;
    }
    const pair = /^(\w+)\s*=\s*(.+)$/.exec(line);
    if (!pair) throw new Error(`not a samconfig line: ${line}`);
    const value = pair[2];
    current[pair[1]] = value === 'true' ? true : value === 'false' ? false : value.startsWith('"') ? JSON.parse(value) as string : Number(value);
  }
  return tables;
}

/**
 * The values a `sam <command>` takes from its config file (click's `default_map`), as the SAM CLI finds
 * and reads it: `--config-file` absolute is used as given, relative is joined to the directory of the
 * template or the working directory (our commands pass no `--template`); a missing file other than the
 * default name is an error; an empty file gives nothing; the command's section is merged over `global`.
 * `sam delete` reads the `deploy` section.
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/cli/cli_config_file.py (lines 216–245)
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/lib/config/samconfig.py (lines 89–95, 185–193)
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/commands/delete/delete_context.py (line 23)
 */
export function samConfigDefaults(command: string, args: readonly string[], cwd: string, readFile: (file: string) => string | undefined): Table {
  const i = args.indexOf('--config-file');
  const configFile = i >= 0 ? args[i + 1] : 'samconfig.toml';
  const file = path.isAbsolute(configFile) ? configFile : path.join(cwd, configFile);
  const text = readFile(file);
  if (text === undefined) {
    if (configFile !== 'samconfig.toml') throw new Error(`Config file ${configFile} does not exist or could not be read!`);
    return {};
  }
  if (text.trim() === '') return {};
  const tables = parseSamconfig(text);
  if (tables['']?.version === undefined) throw new Error("'version' key is not present or is in unrecognized format");
  const section = command === 'delete' ? 'deploy' : command;
  return { ...tables['default.global.parameters'], ...tables[`default.${section}.parameters`] };
}

/**
 * `sam deploy`'s non-guided check: `--resolve-s3` (flag pair `--resolve-s3/--no-resolve-s3`, default
 * false; a value on the command line beats the config file's) together with an `--s3-bucket` raises
 * `DeployResolveS3AndS3SetError`. Returns its message, or undefined when the deploy goes on.
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/commands/deploy/command.py (lines 325–328)
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/commands/_utils/options.py (lines 740–750)
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/commands/deploy/exceptions.py (lines 108–115)
 */
export function samDeployResolveS3Error(args: readonly string[], defaults: Table): string | undefined {
  const flag = args.includes('--resolve-s3') ? true : args.includes('--no-resolve-s3') ? false : undefined;
  const resolveS3 = flag ?? defaults.resolve_s3 === true;
  const i = args.indexOf('--s3-bucket');
  const s3Bucket = i >= 0 ? args[i + 1] : defaults.s3_bucket;
  if (resolveS3 && Boolean(s3Bucket)) {
    return 'Cannot use both --resolve-s3 and --s3-bucket parameters in non-guided deployments. Please use only one or use the --guided option for a guided deployment.';
  }
  return undefined;
}
