// Terraform trees for the benchmark, built deterministically from the hand-written and
// generated module shapes of the repository (never one file copied): the import and
// precision fixtures, the built-in stack's output and the golden cases. Each module of a
// tree is one of those shapes, varied by its position in the tree: renamed (module,
// resources and the names inside), unversioned resource types (`kubernetes_deployment`),
// a second workload beside the first, comments and commented-out blocks, a heredoc and
// `locals` with `merge`.
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..');

/** Where the shapes come from: folders whose sub-folders are modules. */
const SHAPE_ROOTS = [
  'test/fixtures/import/modules-k8s',
  'test/fixtures/precision/valid',
  'test/fixtures/precision/invalid',
  'out/modules-k8s',
];

function filesBelow(dir) {
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.tf')) found.push(full);
    }
  };
  walk(dir);
  return found;
}

/** Every module shape: { name, origin, files: [{ path (relative to the module), text }] }, in a fixed order. */
function loadShapes(root = repo) {
  const moduleDirs = [];
  for (const shapeRoot of SHAPE_ROOTS) {
    const dir = path.join(root, shapeRoot);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort())
      if (fs.statSync(path.join(dir, name)).isDirectory()) moduleDirs.push(path.join(dir, name));
  }
  const golden = path.join(root, 'test', 'generate');
  for (const entry of fs.readdirSync(golden).sort()) {
    if (!entry.startsWith('golden') || !fs.statSync(path.join(golden, entry)).isDirectory()) continue;
    for (const out of filesBelow(path.join(golden, entry)).map((f) => path.dirname(f))) {
      if (path.basename(path.dirname(out)) === 'modules-k8s' && !moduleDirs.includes(out)) moduleDirs.push(out);
    }
  }
  return moduleDirs.map((dir) => ({
    name: path.basename(dir),
    origin: path.relative(root, dir),
    files: filesBelow(dir).map((file) => ({
      path: path.relative(dir, file).split(path.sep).join('/'),
      text: fs.readFileSync(file, 'utf8'),
    })),
  }));
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The shape's own name, renamed everywhere: `minio` → `minio-3` in names and strings, `minio_3` in identifiers. */
function rename(text, from, to) {
  const id = (name) => name.replace(/-/g, '_');
  return text
    .replace(new RegExp(`(?<![A-Za-z0-9_-])${escape(from)}(?![A-Za-z0-9_])`, 'g'), to)
    .replace(new RegExp(`(?<![A-Za-z0-9_])${escape(id(from))}(?![A-Za-z0-9])`, 'g'), id(to));
}

/** `kubernetes_deployment_v1` → `kubernetes_deployment`, the older unversioned resource types. */
function unversion(text) {
  return text.replace(/\bkubernetes_([a-z_]+?)_v1\b/g, 'kubernetes_$1');
}

/**
 * A second workload beside the first: the first top-level Deployment or StatefulSet
 * (formatted files close a top-level block with `}` in column 0), copied under a new label
 * and a new object name.
 */
function secondWorkload(text) {
  const match = /^resource "(kubernetes_(?:deployment|stateful_set)(?:_v1)?)" "([A-Za-z0-9_-]+)" \{\n/m.exec(text);
  if (!match) return text;
  const end = text.indexOf('\n}\n', match.index);
  if (end < 0) return text;
  const block = text.slice(match.index, end + 3);
  const copy = block
    .replace(`"${match[2]}" {`, `"${match[2]}_worker" {`)
    .replace(/^(\s+name\s+=\s+)"([^"$]+)"$/m, '$1"$2-worker"')
    .replace(/^(\s+name\s+=\s+)local\.app_name$/m, '$1"${local.app_name}-worker"');
  return `${text.trimEnd()}\n\n# A second workload of the same application.\n${copy}`;
}

function commented(text, moduleName) {
  return [
    `# ${moduleName}: maintained by hand; see the runbook before changing the storage.`,
    text.trimEnd(),
    '',
    '# Kept for the rollback of the last migration:',
    '# resource "kubernetes_config_map" "legacy" {',
    '#   metadata {',
    `#     name = "${moduleName}-legacy"`,
    '#   }',
    '# }',
    '',
  ].join('\n');
}

/** An extra file: `locals` with `merge`, a heredoc and `yamlencode`, as hand-written modules have. */
function extras(moduleName, index) {
  const id = moduleName.replace(/-/g, '_');
  return `locals {
  ${id}_labels = merge(
    {
      "app.kubernetes.io/name"    = "${moduleName}"
      "app.kubernetes.io/part-of" = "homelab"
    },
    var.extra_labels_${index % 7},
  )
  ${id}_settings = yamlencode({
    log_level = "info"
    workers   = ${2 + (index % 5)}
    features  = ["metrics", "tracing"]
  })
}

variable "extra_labels_${index % 7}" {
  description = "More labels for every object of ${moduleName}"
  type        = map(string)
  default     = {}
}

resource "kubernetes_config_map" "${id}_scripts" {
  metadata {
    name      = "${moduleName}-scripts"
    namespace = "default"
    labels    = local.${id}_labels
  }

  data = {
    "settings.yaml" = local.${id}_settings
    "start.sh"      = <<-EOT
      #!/bin/sh
      set -eu
      echo "starting ${moduleName} (\${HOSTNAME})"
      exec /app/run --config /etc/app/settings.yaml
    EOT
  }
}
`;
}

/**
 * The files of module `index` of a tree, varied by its position. `rich` modules always
 * get the second workload and the extra file, as a repository grown by hand over years.
 */
function variedModule(shape, index, rich = false) {
  const moduleName = `${shape.name}-${index}`;
  const files = shape.files.map((file) => {
    let text = rename(file.text, shape.name, moduleName);
    if (index % 2 === 1) text = unversion(text);
    if (file === shape.files[0] && (rich || index % 3 === 1)) text = secondWorkload(text);
    if (file === shape.files[0] && index % 4 === 2) text = commented(text, moduleName);
    return { path: file.path, text };
  });
  if (rich || index % 5 === 3) files.push({ path: 'extras.tf', text: extras(moduleName, index) });
  return { name: moduleName, files };
}

/**
 * Write a tree below `dir`: modules taken in turn from the shapes (a fixed order,
 * rotated by `seed`), each varied, until `files` .tf files or `modules` modules are
 * written. Every `richEvery`-th module (none by default) is drawn from the larger shapes
 * (five files or more) and varied fully, the others from all shapes. The same arguments always give the same tree. Returns { files, bytes, modules }.
 */
function writeTree(
  dir,
  { files: fileTarget = Infinity, modules: moduleTarget = Infinity, seed = 0, richEvery = 0, shapes = loadShapes() },
) {
  fs.rmSync(dir, { recursive: true, force: true });
  const large = shapes.filter((shape) => shape.files.length >= 5);
  let files = 0;
  let bytes = 0;
  let modules = 0;
  for (let index = 0; files < fileTarget && modules < moduleTarget; index++) {
    const rich = richEvery > 0 && index % richEvery === 0;
    const pool = rich ? large : shapes;
    const shape = pool[(rich ? index / richEvery + seed : index + seed) % pool.length];
    const module = variedModule(shape, index, rich);
    for (const file of module.files) {
      const target = path.join(dir, 'modules', module.name, ...file.path.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.text);
      files++;
      bytes += Buffer.byteLength(file.text);
    }
    modules++;
  }
  return { files, bytes, modules };
}

module.exports = { loadShapes, writeTree, variedModule };
