import { at, attributeOf, moduleOf } from './helpers';

const SOURCE = `# Deploys the web app.
// Second comment line.
resource "kubernetes_deployment_v1" "web" {
  metadata {
    name   = "web"
    labels = { app = "web", "k8s.io/x" = "y" }
  }

  dynamic "env" {
    for_each = var.envs
    content {
      name = env.key
    }
  }
}

/* not directly above */

variable "image_tag" {
  type = string
  # renovate: datasource=docker depName=grafana/grafana
  default = "11.4.0" # trailing
}
`;

describe('source positions', () => {
  test('a top-level block: range, header, labels', async () => {
    const module = await moduleOf(SOURCE);
    const block = module.blocks[0]!;
    expect(block.type).toBe('resource');
    expect(block.labels).toEqual(['kubernetes_deployment_v1', 'web']);
    expect(block.range).toEqual(at('main.tf', 3, 1, 15, 2));
    expect(block.headerRange).toEqual(at('main.tf', 3, 1, 3, 42));
    expect(block.labelRanges).toEqual([at('main.tf', 3, 10, 3, 36), at('main.tf', 3, 37, 3, 42)]);
    expect(block.file).toBe(at('main.tf', 1, 1, 1, 1).file);
  });

  test('a nested block and its attributes', async () => {
    const module = await moduleOf(SOURCE);
    const metadata = module.blocks[0]!.blocks[0]!;
    expect(metadata.type).toBe('metadata');
    expect(metadata.range).toEqual(at('main.tf', 4, 3, 7, 4));
    expect(metadata.headerRange).toEqual(at('main.tf', 4, 3, 4, 11));
    const name = attributeOf(metadata, 'name');
    expect(name.range).toEqual(at('main.tf', 5, 5, 5, 19));
    expect(name.nameRange).toEqual(at('main.tf', 5, 5, 5, 9));
    expect(name.exprRange).toEqual(at('main.tf', 5, 14, 5, 19));
    expect(name.exprText).toBe('"web"');
  });

  test('object keys and values inside an expression', async () => {
    const module = await moduleOf(SOURCE);
    const labels = attributeOf(module.blocks[0]!.blocks[0], 'labels');
    expect(labels.exprRange).toEqual(at('main.tf', 6, 14, 6, 47));
    const value = labels.value();
    if (value.kind !== 'object') throw new Error(`expected an object, got ${value.kind}`);
    expect(value.range).toEqual(at('main.tf', 6, 14, 6, 47));
    expect(value.entries.map((entry) => [entry.key, entry.keyRange])).toEqual([
      ['app', at('main.tf', 6, 16, 6, 19)],
      ['k8s.io/x', at('main.tf', 6, 29, 6, 39)],
    ]);
    expect(value.entries[1]!.value.range).toEqual(at('main.tf', 6, 42, 6, 45));
  });

  test('a dynamic block surfaces as its content, typed by its label', async () => {
    const module = await moduleOf(SOURCE);
    const env = module.blocks[0]!.blocks[1]!;
    expect(env.type).toBe('env');
    expect(env.dynamic).toBe(true);
    expect(env.range).toEqual(at('main.tf', 9, 3, 14, 4));
    expect(env.headerRange).toEqual(at('main.tf', 9, 3, 9, 16));
    expect(Object.keys(env.attributes)).toEqual(['name']);
    expect(attributeOf(env, 'name').range).toEqual(at('main.tf', 12, 7, 12, 21));
    expect(attributeOf(env, 'name').value()).toEqual({ kind: 'unknown', range: at('main.tf', 12, 14, 12, 21), ref: 'env.key' });
    expect(env.forEach?.exprText).toBe('var.envs');
  });

  test('leading comments: contiguous own-line comments only, markers removed', async () => {
    const module = await moduleOf(SOURCE);
    expect(module.blocks[0]!.leadingComments).toEqual([
      { text: 'Deploys the web app.', range: at('main.tf', 1, 1, 1, 23) },
      { text: 'Second comment line.', range: at('main.tf', 2, 1, 2, 24) },
    ]);
    // A blank line separates the block comment from the variable.
    expect(module.blocks[1]!.leadingComments).toEqual([]);
  });

  test('the comment directly above a variable default', async () => {
    const module = await moduleOf(SOURCE);
    const variable = module.variables[0]!;
    expect(variable.defaultComments).toEqual([
      { text: 'renovate: datasource=docker depName=grafana/grafana', range: at('main.tf', 21, 3, 21, 56) },
    ]);
    expect(variable.value()).toEqual({ kind: 'string', value: '11.4.0', range: at('main.tf', 22, 13, 22, 21) });
  });

  test('every comment of a file is listed in order, including trailing ones', async () => {
    const module = await moduleOf(SOURCE);
    expect(module.files[0]!.comments.map((comment) => comment.text)).toEqual([
      'Deploys the web app.',
      'Second comment line.',
      'not directly above',
      'renovate: datasource=docker depName=grafana/grafana',
      'trailing',
    ]);
  });

  test('columns count UTF-16 code units', async () => {
    const module = await moduleOf('locals {\n  a = "é😀"\n  b = 1\n}\n');
    const locals = module.blocks[0]!;
    expect(attributeOf(locals, 'a').exprRange).toEqual(at('main.tf', 2, 7, 2, 12));
    expect(attributeOf(locals, 'a').value()).toMatchObject({ kind: 'string', value: 'é😀' });
  });

  test('CRLF files keep the same lines and columns', async () => {
    const module = await moduleOf('locals {\r\n  a = "x"\r\n  b = <<EOT\r\none\r\nEOT\r\n}\r\n');
    const locals = module.blocks[0]!;
    expect(module.parseErrors).toEqual([]);
    expect(attributeOf(locals, 'a').range).toEqual(at('main.tf', 2, 3, 2, 10));
    expect(attributeOf(locals, 'b').value()).toMatchObject({ kind: 'string', value: 'one\n' });
    expect(module.files[0]!.lines).toEqual(['locals {', '  a = "x"', '  b = <<EOT', 'one', 'EOT', '}']);
  });
});
