import path from 'node:path';
import rule from '../../../src/lint/rules/module/missing-source';
import { testRule, VIRTUAL_ROOT } from '../../support/rule-tester';

/**
 * The rule looks at the disk, as `terraform init` does, while test sources are
 * in memory under VIRTUAL_ROOT: a source that must exist points from there to a
 * real folder of the repository.
 */
const onDisk = (dir: string): string =>
  path
    .relative(VIRTUAL_ROOT, path.resolve(__dirname, '../../fixtures/schema', dir))
    .split(path.sep)
    .join('/');
const APP = onDisk('handwritten/modules/app');

testRule(rule, {
  valid: [
    { name: 'a local source folder that exists', code: `module "app" {\n  source = "${APP}"\n}\n` },
    { name: 'the same folder through a longer path', code: `module "app" {\n  source = "${APP}/../app"\n}\n` },
    { name: 'a registry source', code: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.0"\n}\n' },
    {
      name: 'git and http sources',
      code: 'module "a" {\n  source = "git::https://github.com/brmartin/infra.git//modules-k8s/grafana?ref=main"\n}\n\nmodule "b" {\n  source = "https://example.com/module.zip"\n}\n',
    },
    {
      name: 'a module block without a literal source is left to other checks',
      code: 'module "a" {\n  source = local.path\n}\n\nmodule "b" {}\n',
    },
  ],
  invalid: [
    {
      name: 'a misspelt local folder',
      files: { 'kubernetes.tf': '# Grafana: dashboards.\nmodule "k8s_grafana" {\n  source = "./modules-k8s/grafan"\n}\n' },
      expected: [
        {
          messageId: 'missing',
          file: 'kubernetes.tf',
          line: 3,
          column: 12,
          message:
            'The source folder "./modules-k8s/grafan" of module.k8s_grafana does not exist relative to this module\'s folder: fix the path, or create the module there',
        },
      ],
    },
    {
      name: 'a parent-relative source that does not exist',
      code: 'module "db" {\n  source = "../db-module-that-is-not-there"\n}\n',
      expected: [{ messageId: 'missing', line: 2, column: 12 }],
    },
    {
      name: 'a file, not a folder',
      code: `module "app" {\n  source = "${APP}/main.tf"\n}\n`,
      expected: [{ messageId: 'missing', line: 2, column: 12 }],
    },
    {
      name: 'only the missing one of several calls',
      code: `module "app" {\n  source = "${APP}"\n}\n\nmodule "web" {\n  source = "${APP}-web"\n}\n`,
      expected: [{ messageId: 'missing', line: 6, column: 12 }],
    },
  ],
});
