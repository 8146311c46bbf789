import { Component, javascript } from 'projen';

/**
 * Makes the workspace root the only place that installs dependencies, at most once per synthesis,
 * after every package.json of the workspace has been written.
 *
 * Why: projen installs each subproject on its own by default. In an npm workspace that runs before
 * the root package.json (with its `workspaces`) exists, creates nested lockfiles and fails with a
 * 404 for the sibling packages. Subprojects also synthesize before the root writes its own
 * package.json, so the install has to wait for the root's turn. A subproject's install is also
 * triggered merely because it has no node_modules of its own (npm hoists them): only a changed
 * package.json is a reason to install.
 */
export class RootInstall extends Component {
  /** The RootInstall of a root project, created on first use. */
  public static of(root: javascript.NodeProject): RootInstall {
    return (root.components.find((c) => c instanceof RootInstall) as RootInstall | undefined) ?? new RootInstall(root);
  }

  private requested = false;
  private installed = false;

  private constructor(private readonly root: javascript.NodeProject) {
    super(root);
    const install = installerOf(root).installDependencies.bind(root.package);
    replaceMethod(root.package, 'installDependencies', (trigger: unknown) => {
      this.installed = true;
      install(trigger);
    });
  }

  /** Makes the root install once the workspace is written, unless it does anyway. */
  public request(): void {
    this.requested = true;
  }

  public override postSynthesize(): void {
    if (this.requested && !this.installed) installerOf(this.root).installDependencies(undefined);
  }

  /** Routes a workspace package's installs to the root. */
  public adopt(project: javascript.NodeProject): void {
    replaceMethod(project.package, 'installDependencies', () => {
      if (project.package.file.changed) this.request();
    });
    replaceMethod(project.package, 'logInstallTrigger', () => undefined);
  }
}

/**
 * The package's install method, which projen keeps protected (NodePackage.installDependencies): this file
 * replaces and calls it on purpose, see the class comment.
 */
function installerOf(project: javascript.NodeProject): { installDependencies(trigger: unknown): void } {
  return project.package as unknown as { installDependencies(trigger: unknown): void };
}

function replaceMethod(target: object, name: string, value: (...args: any[]) => void): void {
  Object.defineProperty(target, name, { value, configurable: true });
}
