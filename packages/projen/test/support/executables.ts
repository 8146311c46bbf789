/** Shell words that start a compound command or negate one: the command is the word after them. */
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', '!', '{', '}']);

/** Bash builtins: no executable on PATH. @see https://www.gnu.org/software/bash/manual/html_node/Bash-Builtins.html */
export const BASH_BUILTINS: ReadonlySet<string> = new Set(['echo', 'printf', 'exit', 'command', ':', 'read', 'cd', 'export', 'set', 'true', 'false', 'test', 'local', 'return', 'shift', 'type']);

/**
 * The executables a `run:` script calls, in order: the first word of each simple command, after splitting
 * on newlines, `;`, `&&`, `||`, `|` and command substitutions, skipping variable assignments (an array
 * assignment's words are data), `[[ ]]` and `(( ))` tests, and keywords. Enough for the scripts Lockstep
 * generates and the one-line commands a config holds; not a general shell parser.
 */
export function calledExecutables(script: string): string[] {
  const text = script
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/[\s\S]*/, blankQuotedText)
    // Tests and arithmetic hold operators (`||`, `-z`), not commands.
    .replace(/\[\[.*?\]\]/g, '[[ ]]')
    .replace(/\(\(.*?\)\)/g, '(( ))');
  const segments = text.split(/\n|;|&&|\|\||\||\$\(/);
  const found: string[] = [];
  for (const segment of segments) {
    const words = segment.trim().split(/\s+/).filter((w) => w !== '');
    let i = 0;
    while (i < words.length && KEYWORDS.has(words[i])) i++;
    const word = words[i];
    // `for NAME in WORDS`: the loop's words are data; a redirection (`done <<<"$x"`) is no command.
    if (words[0] === 'for' || word?.startsWith('<') || word?.startsWith('>')) continue;
    if (word === undefined || /^\w+\+?=/.test(word) || word.startsWith('[[') || word.startsWith('((') || word === ')' || word.startsWith(')')) continue;
    found.push(word.replace(/\)+"?$/, ''));
  }
  return found;
}

/**
 * The executables an install command puts on PATH, as far as the command names them: the packages of
 * `pip install` / `python -m pip install` (each package's own console script, e.g. `pytest`). `npm ci`,
 * `bundle install` and `dotnet restore` put none on PATH: their tools run through `npx`, `bundle exec`,
 * `dotnet`.
 */
export function installedExecutables(command: string): string[] {
  const found: string[] = [];
  for (const line of command.split('\n')) {
    const pip = /(?:^|\s)(?:python3? -m )?pip3? install\s+(.*)$/.exec(line.trim());
    if (!pip) continue;
    const words = pip[1].split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (word === '-e' || word === '-r' || word === '-c') { i++; continue; }
      if (word.startsWith('-') || word.startsWith('.') || word.startsWith('"')) continue;
      found.push(word.replace(/[[<>=!~;].*$/, ''));
    }
  }
  return found;
}

/**
 * The script with the text inside quotes blanked out (a `;` or `|` there separates nothing), except
 * command substitutions inside double quotes, which run commands.
 */
function blankQuotedText(script: string): string {
  let out = '';
  const stack: ('"' | "'" | '$(')[] = [];
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    const top = stack.at(-1);
    if (top === "'") {
      if (c === "'") stack.pop();
      out += c === "'" ? c : '_';
    } else if (top === '"') {
      if (c === '\\') { out += '__'; i++; continue; }
      if (c === '"') { stack.pop(); out += c; continue; }
      if (c === '$' && script[i + 1] === '(') { stack.push('$('); out += '$('; i++; continue; }
      out += c === '$' || /\w/.test(c) ? c : '_';
    } else {
      if (c === '\\') { out += c + (script[i + 1] ?? ''); i++; continue; }
      if (top === '$(' && c === ')') stack.pop();
      if (c === "'" || c === '"') stack.push(c);
      if (c === '$' && script[i + 1] === '(') { stack.push('$('); out += '$('; i++; continue; }
      out += c;
    }
  }
  return out;
}
