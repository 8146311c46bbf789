import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { githubRemote, readGitCheckout } from '../src/git-checkout';
import { removeTemps, tempDir } from './support/workspace';

afterAll(removeTemps);

describe('githubRemote', () => {
  it.each([
    'https://github.com/honeyhiveai/python-sdk.git',
    'https://github.com/honeyhiveai/python-sdk',
    'https://github.com/honeyhiveai/python-sdk/',
    'https://token@github.com/honeyhiveai/python-sdk.git',
    'git@github.com:honeyhiveai/python-sdk.git',
    'git@github.com:honeyhiveai/python-sdk',
    'ssh://git@github.com/honeyhiveai/python-sdk',
    'ssh://git@github.com:22/honeyhiveai/python-sdk.git',
  ])('reads owner and name from %s', (url) => {
    expect(githubRemote(url)).toEqual({ owner: 'honeyhiveai', name: 'python-sdk' });
  });

  it('keeps the casing of the URL', () => {
    expect(githubRemote('https://github.com/HoneyHiveAI/Python-SDK.git')).toEqual({ owner: 'HoneyHiveAI', name: 'Python-SDK' });
  });

  it.each([
    'https://gitlab.com/honeyhiveai/python-sdk.git',
    'https://github.com.evil.example/honeyhiveai/python-sdk.git',
    'https://notgithub.com/honeyhiveai/python-sdk.git',
    'https://github.com/honeyhiveai',
    'https://github.com/honeyhiveai/python-sdk/tree/main',
    '/srv/git/python-sdk.git',
  ])('is undefined for %s, which is not a GitHub repository', (url) => {
    expect(githubRemote(url)).toBeUndefined();
  });
});

describe('readGitCheckout', () => {
  it('finds the top level and the origin of a checkout, from a folder inside it', () => {
    const dir = tempDir('lockstep-git-');
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:honeyhiveai/python-sdk.git']);
    fs.mkdirSync(path.join(dir, 'docs'));
    expect(readGitCheckout(path.join(dir, 'docs'))).toEqual({ checkout: { top: fs.realpathSync(dir), origin: 'git@github.com:honeyhiveai/python-sdk.git' } });
  });

  it('has no origin for a checkout without that remote', () => {
    const dir = tempDir('lockstep-git-');
    execFileSync('git', ['init', '-q', dir]);
    expect(readGitCheckout(dir)).toEqual({ checkout: { top: fs.realpathSync(dir) } });
  });

  it("gives git's reason for a folder that is in no checkout", () => {
    expect(readGitCheckout(tempDir('lockstep-plain-'))).toEqual({ problem: expect.stringMatching(/not a git repository/) });
  });
});
