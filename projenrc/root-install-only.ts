import { javascript } from 'projen';

const installedRoots = new WeakSet<javascript.NodeProject>();

/**
 * Makes the workspace root the only place that installs dependencies, at most once per synthesis.
 *
 * Why: projen installs each subproject on its own by default. In an npm workspace that runs before
 * the root package.json (with its `workspaces`) exists, creates nested lockfiles and fails with a
 * 404 for the sibling packages. One root install links and hoists everything.
 */
export function installFromRootOnly(project: javascript.NodeProject): void {
  const root = project.root as javascript.NodeProject;
  const installRoot = (): void => {
    if (installedRoots.has(root)) return;
    installedRoots.add(root);
    root.tasks.runTask(root.package.installTask.name);
  };
  for (const pkg of new Set([project.package, root.package])) {
    Object.defineProperty(pkg, 'installDependencies', { value: installRoot, configurable: true });
  }
  Object.defineProperty(project.package, 'logInstallTrigger', { value: () => undefined });
}
