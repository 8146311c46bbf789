import * as fs from 'node:fs';
import * as path from 'node:path';
import { addConfigEntries } from '../src/config-edit';

const ENTRIES = { role: `'R-New': { environment: 'testing', managedBy: 'external' },`, repo: `'hive-kube': { role: 'R-New', subjects: { branches: ['main'] } },` };

describe('addConfigEntries', () => {
  it('adds the entries before the closing brace of roles and repos of the repository\'s own config, comments and all else kept', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'lockstep.config.ts'), 'utf8');
    const result = addConfigEntries(text, ENTRIES);
    if (!result.ok) throw new Error(result.reason);
    const added = result.text.split('\n').filter((l) => !text.split('\n').includes(l));
    expect(added).toEqual([`    ${ENTRIES.role}`, `    ${ENTRIES.repo}`]);
    expect(result.text.replace(`    ${ENTRIES.role}\n`, '').replace(`    ${ENTRIES.repo}\n`, '')).toBe(text);
  });

  it('adds a comma after a last entry that has none, and only the repo entry for an existing role', () => {
    const text = `export default {\n  roles: {\n    a: { environment: 'x' }\n  },\n  repos: {\n    "b": { role: 'a', subjects: { pullRequest: true } } // why\n  },\n};\n`;
    const result = addConfigEntries(text, { repo: ENTRIES.repo });
    expect(result).toEqual({ ok: true, text: text.replace('} } // why\n', `} }, // why\n    ${ENTRIES.repo}\n`) });
  });

  it('leaves a config built by code alone, with the reason', () => {
    expect(addConfigEntries('const c = build();\nexport default c;\n', ENTRIES)).toEqual({ ok: false, reason: expect.stringMatching(/not `defineConfig\(\{ … \}\)`/) });
    expect(addConfigEntries('export default defineConfig({\n  roles,\n  repos: {\n  },\n});\n', ENTRIES)).toEqual({ ok: false, reason: expect.stringMatching(/`roles` is not an object literal/) });
    expect(addConfigEntries('export default defineConfig({\n  roles: {\n    ...shared,\n  },\n  repos: {\n  },\n});\n', ENTRIES)).toEqual({ ok: false, reason: expect.stringMatching(/a spread/) });
  });
});
