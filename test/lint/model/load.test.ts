import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../../../src/errors';
import { buildModules, discoverFiles, loadSources } from '../../../src/terraform/load';
import { ROOT } from './helpers';

describe('discoverFiles', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lint-load-'));
    const write = async (relative: string, text: string): Promise<void> => {
      await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
      await writeFile(path.join(dir, relative), text);
    };
    await write('main.tf', 'locals {}\n');
    await write('README.md', '# not terraform\n');
    await write('modules-k8s/web/main.tf', 'locals {}\n');
    await write('modules-k8s/web/variables.tf', 'variable "x" {}\n');
    await write('.terraform/modules/cached/main.tf', 'locals {}\n');
    await write('node_modules/pkg/main.tf', 'locals {}\n');
    await write('.git/hooks/x.tf', 'locals {}\n');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a directory: every .tf below it, skipping tool folders', async () => {
    const { files, reportFiles } = await discoverFiles(['.'], dir);
    expect([...files.keys()]).toEqual([
      path.join(dir, 'main.tf'),
      path.join(dir, 'modules-k8s/web/main.tf'),
      path.join(dir, 'modules-k8s/web/variables.tf'),
    ]);
    expect(files.get(path.join(dir, 'main.tf'))).toBe('locals {}\n');
    expect(reportFiles).toBeNull();
  });

  test('a file: its whole folder is loaded, only the file is reported', async () => {
    const { files, reportFiles } = await discoverFiles(['modules-k8s/web/main.tf'], dir);
    expect([...files.keys()]).toEqual([path.join(dir, 'modules-k8s/web/main.tf'), path.join(dir, 'modules-k8s/web/variables.tf')]);
    expect(reportFiles).toEqual(new Set([path.join(dir, 'modules-k8s/web/main.tf')]));
  });

  test('a missing path is a user error', async () => {
    await expect(discoverFiles(['nope'], dir)).rejects.toBeInstanceOf(UserError);
  });
});

describe('discoverFiles with symbolic links', () => {
  let dir: string;
  let repo: string;

  // A homelab layout: shared files outside the root modules, linked into each of them.
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lint-links-'));
    repo = path.join(dir, 'repo');
    const write = async (relative: string, text: string): Promise<void> => {
      await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
      await writeFile(path.join(dir, relative), text);
    };
    await write('shared/providers.tf', 'provider "kubernetes" {}\n');
    await write('shared/modules/web/main.tf', 'locals {}\n');
    await write('repo/hestia/main.tf', 'locals {}\n');
    await write('repo/apollo/main.tf', 'locals {}\n');
    await symlink('../../shared/providers.tf', path.join(repo, 'hestia/providers.tf'));
    await symlink('../../shared/providers.tf', path.join(repo, 'apollo/providers.tf'));
    await symlink('../../shared/modules', path.join(repo, 'apollo/modules'));
    // A loop back to the repository root, a link to its own folder, and a dangling link.
    await symlink('..', path.join(repo, 'hestia/up'));
    await symlink('.', path.join(repo, 'apollo/self'));
    await symlink('../missing.tf', path.join(repo, 'hestia/missing.tf'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('linked .tf files are read in the folder of the link, linked folders are walked, loops and dangling links are passed over', async () => {
    const { files } = await discoverFiles(['repo'], dir);
    expect([...files.keys()].map((file) => path.relative(repo, file))).toEqual([
      'apollo/main.tf',
      'apollo/modules/web/main.tf',
      'apollo/providers.tf',
      'hestia/main.tf',
      'hestia/providers.tf',
    ]);
    expect(files.get(path.join(repo, 'hestia/providers.tf'))).toBe('provider "kubernetes" {}\n');
  });

  test('a named file loads the linked files of its folder', async () => {
    const { files } = await discoverFiles(['repo/hestia/main.tf'], dir);
    expect([...files.keys()].map((file) => path.relative(repo, file))).toEqual(['hestia/main.tf', 'hestia/providers.tf']);
  });

  test('a linked file is part of the module of the link', async () => {
    const { files } = await discoverFiles(['repo'], dir);
    const modules = await buildModules(files);
    const hestia = modules.find((module) => module.dir === path.join(repo, 'hestia'))!;
    expect(hestia.files.map((file) => path.basename(file.path))).toEqual(['main.tf', 'providers.tf']);
  });
});

describe('module model', () => {
  const FILES = {
    'kubernetes.tf':
      '# Web front end.\nmodule "k8s_web" {\n  source = "./modules-k8s/web"\n}\n\nmodule "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
    'modules-k8s/web/main.tf': [
      'resource "kubernetes_deployment_v1" "web" {',
      '  for_each = toset(["a"])',
      '}',
      'resource "kubernetes_service" "web" {}',
      'data "kubernetes_secret_v1" "token" {}',
      'output "service_name" {',
      '  value = kubernetes_service.web.metadata[0].name',
      '}',
      '',
    ].join('\n'),
    'modules-k8s/web/versions.tf': [
      'terraform {',
      '  required_providers {',
      '    kubernetes = {',
      '      source  = "hashicorp/kubernetes"',
      '      version = ">= 2.0"',
      '    }',
      '    legacy = "~> 1.0"',
      '  }',
      '}',
      '',
    ].join('\n'),
  };

  test('resources: addresses, canonical types, repetition', async () => {
    const [, web] = await loadSources(FILES, ROOT);
    expect(web!.resources.map((resource) => [resource.mode, resource.address, resource.canonicalType, resource.repeated])).toEqual([
      ['resource', 'kubernetes_deployment_v1.web', 'kubernetes_deployment', true],
      ['resource', 'kubernetes_service.web', 'kubernetes_service', false],
      ['data', 'data.kubernetes_secret_v1.token', 'kubernetes_secret', false],
    ]);
  });

  test('versioned and unversioned spellings are interchangeable', async () => {
    const [, web] = await loadSources(FILES, ROOT);
    expect(web!.resourcesOf('kubernetes_deployment').map((resource) => resource.name)).toEqual(['web']);
    expect(web!.resourcesOf('kubernetes_service_v1').map((resource) => resource.type)).toEqual(['kubernetes_service']);
    expect(web!.resource('kubernetes_service_v1.web')?.type).toBe('kubernetes_service');
    expect(web!.resource('kubernetes_deployment.web')?.type).toBe('kubernetes_deployment_v1');
    expect(web!.resource('data.kubernetes_secret.token')?.mode).toBe('data');
    expect(web!.resource('kubernetes_secret_v1.token')).toBeUndefined();
  });

  test('required providers, outputs, module calls', async () => {
    const [root, web] = await loadSources(FILES, ROOT);
    expect(web!.requiredProviders).toEqual({
      kubernetes: { source: 'hashicorp/kubernetes', version: '>= 2.0', range: expect.objectContaining({ line: 3, endLine: 6 }) as unknown },
      legacy: { version: '~> 1.0', range: expect.objectContaining({ line: 7 }) as unknown },
    });
    expect(web!.outputs.map((output) => output.name)).toEqual(['service_name']);
    expect(root!.moduleCalls.map((call) => [call.name, call.source, call.localDir])).toEqual([
      ['k8s_web', './modules-k8s/web', path.join(ROOT, 'modules-k8s/web')],
      ['vpc', 'terraform-aws-modules/vpc/aws', undefined],
    ]);
    expect(root!.moduleCalls[0]!.block.leadingComments.map((comment) => comment.text)).toEqual(['Web front end.']);
  });
});
