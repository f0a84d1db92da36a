import { loadSources } from '../../../src/terraform/load';
import type { LVal } from '../../../src/terraform/types';
import { at, attributeOf, moduleOf, plain, ROOT } from './helpers';

const CONTEXT = `
variable "enabled" {
  default = true
}
variable "tag" {
  default = "1.2.3"
}
variable "none" {
  type = string
}
locals {
  app   = "web"
  obj   = { k = "v", n = 2 }
  list  = ["a", "b", "c"]
  objs  = [{ name = "x" }, { name = "y" }]
  chain = local.link
  link  = "\${local.app}-linked"
  loop1 = local.loop2
  loop2 = local.loop1
  svc   = kubernetes_service_v1.web
}
`;

/** Evaluate `expr` as the local `subject` next to the context above. */
async function evaluateExpr(expr: string): Promise<LVal> {
  const module = await moduleOf(`${CONTEXT}\nlocals {\n  subject = ${expr}\n}\n`);
  expect(module.parseErrors).toEqual([]);
  const local = module.locals.find((candidate) => candidate.name === 'subject');
  if (!local) throw new Error('subject not modelled');
  return local.attribute.value();
}

const UNKNOWN = { unknown: true };

const TABLE: Array<[name: string, expr: string, expected: unknown]> = [
  ['string literal', '"plain"', 'plain'],
  ['integer', '42', 42],
  ['fraction with exponent', '1.5e3', 1500],
  ['negative number', '-7', -7],
  ['bool', 'false', false],
  ['null', 'null', null],
  ['escapes in quoted strings', '"t\\tq\\"b\\\\n\\nd$${x}p%%{y}u\\u00e9"', 't\tq"b\\n\nd${x}p%{y}ué'],
  ['heredoc keeps backslashes, decodes $${', '<<EOT\nraw\\n $${x} %%{y}\nEOT', 'raw\\n ${x} %{y}\n'],
  ['flush heredoc removes the common indent', '<<-EOT\n    one\n      two\n    EOT', 'one\n  two\n'],
  ['template with known parts', '"${local.app}-${var.tag}"', 'web-1.2.3'],
  ['template with a number', '"n=${local.obj.n}"', 'n=2'],
  ['template with an unknown part', '"${local.app}-${aws_instance.x.id}"', UNKNOWN],
  ['template if directive', '"%{ if var.enabled }on%{ else }off%{ endif }"', 'on'],
  ['template for directive with strip markers', '"%{ for x in local.list ~} ${x} %{~ endfor }"', 'abc'],
  ['variable default', 'var.tag', '1.2.3'],
  ['variable without default', 'var.none', { unknown: 'var.none' }],
  ['undeclared variable', 'var.missing', { unknown: 'var.missing' }],
  ['locals chain', 'local.chain', 'web-linked'],
  ['locals cycle is unknown', 'local.loop1', UNKNOWN],
  ['object', '{ a = 1, "b/c" = local.app }', { a: 1, 'b/c': 'web' }],
  ['object with a computed key', '{ (local.app) = 1 }', { web: 1 }],
  ['tuple', '[1, "two", true]', [1, 'two', true]],
  ['merge, later wins', 'merge(local.obj, { k = "w", z = 1 })', { n: 2, k: 'w', z: 1 }],
  ['merge skips null', 'merge(null, { a = 1 })', { a: 1 }],
  ['merge with an unknown argument', 'merge(local.obj, var.none)', UNKNOWN],
  ['concat', 'concat(local.list, ["d"])', ['a', 'b', 'c', 'd']],
  ['lookup found', 'lookup(local.obj, "k", "d")', 'v'],
  ['lookup default', 'lookup(local.obj, "x", "d")', 'd'],
  ['coalesce skips null and empty', 'coalesce(null, "", "x")', 'x'],
  ['coalesce stops at unknown', 'coalesce(var.none, "x")', UNKNOWN],
  ['join', 'join(",", local.list)', 'a,b,c'],
  ['format %s %d %%', 'format("%s-%d%%", local.app, 3)', 'web-3%'],
  ['format with an unsupported verb', 'format("%05.2f", 3)', UNKNOWN],
  ['lower', 'lower("AbC")', 'abc'],
  ['upper', 'upper(local.app)', 'WEB'],
  ['tostring', 'tostring(3)', '3'],
  ['tonumber', 'tonumber("4.5")', 4.5],
  ['tolist', 'tolist(["a"])', ['a']],
  ['toset dedupes and sorts strings', 'toset(["b", "a", "b"])', ['a', 'b']],
  ['jsonencode sorts keys and escapes like Go', 'jsonencode({ b = 1, a = "<&>" })', '{"a":"\\u003c\\u0026\\u003e","b":1}'],
  [
    'yamlencode of a known object',
    'yamlencode({ kind = "X", spec = { ports = [80, 443] } })',
    '"kind": "X"\n"spec":\n  "ports":\n  - 80\n  - 443\n',
  ],
  ['base64encode', 'base64encode("hi")', 'aGk='],
  ['replace a plain string', 'replace("a-b-c", "-", "_")', 'a_b_c'],
  ['replace with a regular expression is not modelled', 'replace("a-b", "/-/", "_")', UNKNOWN],
  ['unsupported function', 'filemd5("x")', UNKNOWN],
  ['conditional on a variable', 'var.enabled ? "on" : "off"', 'on'],
  ['equality and logic', '1 == 1 && !false && "a" != "b"', true],
  ['deep equality', '{ a = [1] } == { a = [1] }', true],
  ['arithmetic', '(1 + 2) * 3 - 4 / 2', 7],
  ['comparison', '2 >= 3 || 1 < 2', true],
  ['conditional on an unknown', 'var.none == "x" ? 1 : 2', UNKNOWN],
  ['index with a string key', 'local.obj["k"]', 'v'],
  ['index with a number', 'local.list[1]', 'b'],
  ['legacy index', 'local.list.2', 'c'],
  ['attribute access', 'local.obj.n', 2],
  ['missing key is unknown', 'local.obj.nope', UNKNOWN],
  ['splat over a known tuple', 'local.objs[*].name', ['x', 'y']],
  ['for over a tuple with a condition', '[for i, v in local.list : "${i}:${v}" if v != "b"]', ['0:a', '2:c']],
  ['for over an object', '{ for k, v in local.obj : upper(k) => v }', { K: 'v', N: 2 }],
  ['for with grouping', '{ for v in ["ab", "ac", "b"] : replace(v, "c", "b") => v... }', { ab: ['ab', 'ac'], b: ['b'] }],
  [
    'resource reference keeps its traversal',
    'kubernetes_service_v1.web.metadata[0].name',
    { unknown: 'kubernetes_service_v1.web.metadata[0].name' },
  ],
  ['data reference', 'data.kubernetes_secret_v1.s.data["k"]', { unknown: 'data.kubernetes_secret_v1.s.data["k"]' }],
  [
    'each, count, path',
    '[each.value, count.index, path.module, self.id, module.x.y]',
    [{ unknown: 'each.value' }, { unknown: 'count.index' }, { unknown: 'path.module' }, { unknown: 'self.id' }, { unknown: 'module.x.y' }],
  ],
  [
    'a reference through a local extends the traversal',
    'local.svc.metadata[0].name',
    { unknown: 'kubernetes_service_v1.web.metadata[0].name' },
  ],
  ['a splat reference stops at the splat', 'aws_instance.web[*].id', { unknown: 'aws_instance.web' }],
];

describe('static evaluation', () => {
  test.each(TABLE)('%s: %s', async (_name, expr, expected) => {
    expect(plain(await evaluateExpr(expr))).toEqual(expected);
  });

  test('yamlencode keeps its argument, with ranges, even around unknown leaves', async () => {
    const value = await evaluateExpr(
      'yamlencode({\n    kind = "IngressRoute"\n    spec = { services = [{ name = kubernetes_service_v1.web.metadata[0].name, port = 80 }] }\n  })',
    );
    if (value.kind !== 'string') throw new Error(`expected a string, got ${value.kind}`);
    expect(value.encoding).toBe('yaml');
    expect(value.value).toContain('"kind": "IngressRoute"');
    expect(plain(value.encodedFrom!)).toEqual({
      kind: 'IngressRoute',
      spec: { services: [{ name: { unknown: 'kubernetes_service_v1.web.metadata[0].name' }, port: 80 }] },
    });
    const encoded = value.encodedFrom;
    if (encoded?.kind !== 'object') throw new Error('expected an object');
    // CONTEXT, a blank line, `locals {`, `subject = yamlencode({`, then `    kind = ...`.
    const kindLine = CONTEXT.split('\n').length + 3;
    expect(encoded.entries[0]!.keyRange).toEqual(at('main.tf', kindLine, 5, kindLine, 9));
    expect(encoded.entries[0]!.value.range).toEqual(at('main.tf', kindLine, 12, kindLine, 26));
  });

  test('jsonencode marks its encoding', async () => {
    const value = await evaluateExpr('jsonencode([1])');
    expect(value).toMatchObject({ kind: 'string', value: '[1]', encoding: 'json', encodedFrom: { kind: 'tuple' } });
  });

  test('an encoding of an unknown value is unknown', async () => {
    expect((await evaluateExpr('yamlencode(var.none)')).kind).toBe('unknown');
  });

  test('a value from a variable default keeps the range of the default', async () => {
    const module = await moduleOf('variable "tag" {\n  default = "1.0"\n}\nlocals {\n  image = var.tag\n}\n');
    expect(module.locals[0]!.attribute.value()).toEqual({ kind: 'string', value: '1.0', range: at('main.tf', 2, 13, 2, 18) });
  });

  test('a template built in place has the range of the template', async () => {
    const module = await moduleOf('variable "tag" {\n  default = "1.0"\n}\nlocals {\n  image = "app:${var.tag}"\n}\n');
    expect(module.locals[0]!.attribute.value()).toEqual({ kind: 'string', value: 'app:1.0', range: at('main.tf', 5, 11, 5, 27) });
  });

  test('references lists the traversals of an expression, not iteration variables', async () => {
    const module = await moduleOf(
      'locals {\n  x = [for s in var.items : "${s.name}-${local.suffix}" if s.on]\n  y = kubernetes_service_v1.web.metadata[0].name\n}\n',
    );
    expect(attributeOf(module.blocks[0], 'x').references).toEqual(['var.items', 'local.suffix']);
    expect(attributeOf(module.blocks[0], 'y').references).toEqual(['kubernetes_service_v1.web.metadata[0].name']);
  });
});

describe('caller arguments', () => {
  const FILES = {
    'kubernetes.tf': [
      'module "k8s_web" {',
      '  source    = "./modules-k8s/web"',
      '  image_tag = "2.0.0"',
      '  labels    = { tier = "front" }',
      '}',
      '',
      'module "k8s_web_canary" {',
      '  source = "./modules-k8s/web"',
      '}',
      '',
    ].join('\n'),
    'modules-k8s/web/variables.tf': [
      'variable "image_tag" {',
      '  default = "1.0.0"',
      '}',
      '',
      'variable "labels" {',
      '  default = {}',
      '}',
      '',
    ].join('\n'),
    'modules-k8s/web/main.tf': [
      'locals {',
      '  image  = "web:${var.image_tag}"',
      '  labels = merge({ app = "web" }, var.labels)',
      '}',
      '',
    ].join('\n'),
  };

  test('a called module is built once per call, with the caller arguments', async () => {
    const modules = await loadSources(FILES, ROOT);
    expect(modules.map((module) => [module.dir, module.caller?.call.name])).toEqual([
      [ROOT, undefined],
      [`${ROOT}/modules-k8s/web`, 'k8s_web'],
      [`${ROOT}/modules-k8s/web`, 'k8s_web_canary'],
    ]);
    const [, called, canary] = modules;
    expect(called!.caller!.module).toBe(modules[0]);
    expect(called!.caller!.call.localDir).toBe(`${ROOT}/modules-k8s/web`);
    expect(plain(called!.locals[0]!.attribute.value())).toBe('web:2.0.0');
    expect(plain(called!.locals[1]!.attribute.value())).toEqual({ app: 'web', tier: 'front' });
    expect(plain(canary!.locals[0]!.attribute.value())).toBe('web:1.0.0');
  });

  test('a caller argument keeps its range in the caller file', async () => {
    const modules = await loadSources(FILES, ROOT);
    const tag = modules[1]!.variables.find((variable) => variable.name === 'image_tag')!;
    expect(tag.value()).toEqual({ kind: 'string', value: '2.0.0', range: at('kubernetes.tf', 3, 15, 3, 22) });
  });

  test('a module linted alone uses its defaults', async () => {
    const { 'modules-k8s/web/variables.tf': variables, 'modules-k8s/web/main.tf': main } = FILES;
    const modules = await loadSources({ 'modules-k8s/web/variables.tf': variables, 'modules-k8s/web/main.tf': main }, ROOT);
    expect(modules).toHaveLength(1);
    expect(modules[0]!.caller).toBeUndefined();
    expect(plain(modules[0]!.locals[0]!.attribute.value())).toBe('web:1.0.0');
  });

  test('modules that call each other are instantiated without recursion', async () => {
    const modules = await loadSources(
      { 'a/main.tf': 'module "b" {\n  source = "../b"\n}\n', 'b/main.tf': 'module "a" {\n  source = "../a"\n}\n' },
      ROOT,
    );
    expect(modules.map((module) => [module.dir, module.caller?.call.name])).toEqual([
      [`${ROOT}/a`, undefined],
      [`${ROOT}/b`, 'b'],
    ]);
  });
});
