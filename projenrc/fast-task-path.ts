import * as path from 'node:path';
import type { javascript } from 'projen';

/**
 * Puts the workspace's `node_modules/.bin` on the PATH of a project's tasks with a shell `echo` instead
 * of projen's default `$(npx -c "node --print process.env.PATH")`.
 *
 * Why: projen evaluates that expression before every task, and starting npx each time costs more than
 * the rest of a regeneration (bench/results.md), and again for every package's test task. npm workspaces hoist every binary
 * to the root's node_modules/.bin, so the root's is the one to add.
 */
export function fastTaskPath(project: javascript.NodeProject): void {
  const toRoot = path.relative(project.outdir, project.root.outdir) || '.';
  project.tasks.addEnvironment('PATH', `$(echo "$(cd ${toRoot} && pwd)/node_modules/.bin:$PATH")`);
}
