/**
 * `gen-modules import`: a hand-written module becomes a spec. Every resource
 * of the module is accounted for: each Kubernetes object goes into the spec
 * (the escape hatch `manifests`, which keeps the object exactly as the
 * cluster has it), the adoption record (`importedFrom`) says which address
 * declared which object, and anything the spec cannot hold stops the import
 * before a file is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IndentationText, Project, QuoteKind } from 'ts-morph';
import { UserError } from '../errors';
import { toIdentifier } from '../hcl/encode';
import { relative } from '../util/load-ts';
import { loadModuleDir } from '../terraform/load';
import { CLUSTER_SCOPED_KINDS, moduleObjects, unknownText, type KubeObject, type Plain, type PlainObject } from '../terraform/objects';
import type { TfModule } from '../terraform/types';
import { registerService } from './register';

export interface ImportOptions {
  moduleDir: string;
  /** Service name; defaults to the module folder's name. */
  name?: string;
  specsDir: string;
  /** Repository root whose `kubernetes.tf` calls the module: its arguments resolve the variables. */
  root?: string;
}

export interface ImportRow {
  address: string;
  /** `manifests[2] (Deployment web/whoami)` or why a resource needs nothing. */
  target: string;
}

export interface ImportResult {
  specFile: string;
  indexFile: string;
  rows: ImportRow[];
}

const SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A value to print as TypeScript, with the comment saying why it was chosen. */
interface Chosen {
  $chosen: Plain | Code;
  why: string;
}
/** TypeScript source to print as is (a `variable('x')` call). */
interface Code {
  $code: string;
}
type Out = Plain | Chosen | Code | Out[] | { [key: string]: Out };

function chosen(value: Plain | Code, why: string): Chosen {
  return { $chosen: value, why };
}

export async function importModule(options: ImportOptions): Promise<ImportResult> {
  const moduleDir = path.resolve(options.moduleDir);
  const rootFile = options.root === undefined ? undefined : path.join(path.resolve(options.root), 'kubernetes.tf');
  const module = await loadModuleDir(options.moduleDir, rootFile);
  const name = options.name ?? path.basename(moduleDir);
  if (!SERVICE_NAME.test(name) || name.length > 63)
    throw new UserError(
      `"${name}" is not a valid service name${options.name === undefined ? ' (from the module folder; pass --name)' : ''}: use lowercase letters, digits and hyphens, starting with a letter`,
    );

  const specsDir = path.resolve(options.specsDir);
  const indexPath = path.join(specsDir, 'index.ts');
  const specPath = path.join(specsDir, `${name}.ts`);
  if (!fs.existsSync(indexPath)) throw new UserError(`${relative(indexPath)}: not found; pass --specs with the folder that holds index.ts`);
  if (fs.existsSync(specPath)) throw new UserError(`${relative(specPath)}: the service name "${name}" is taken; pass --name`);
  const index = registerService(relative(indexPath), fs.readFileSync(indexPath, 'utf8'), name);

  const { objects, others } = moduleObjects(module);
  const unsupported = others.map((other) =>
    other.resource.repeated
      ? `${other.resource.address}: count/for_each resources cannot be imported; write one resource per object first`
      : `${other.resource.address}: not a Kubernetes object a spec can declare`,
  );
  if (unsupported.length > 0) throw new UserError(`${relative(moduleDir)}: cannot import:\n  ${unsupported.join('\n  ')}`);

  const repoRoot = options.root === undefined ? path.dirname(path.dirname(moduleDir)) : path.resolve(options.root);
  const variables: Record<string, Out> = {};
  const manifests: Out[] = [];
  const resources: Record<string, Out> = {};
  const rows: ImportRow[] = [];
  const names = manifestNames(objects);
  objects.forEach((object, index) => {
    manifests.push(manifestOf(object, names[index]!, variables));
    resources[object.resource.address] = recordOf(object);
    rows.push({ address: object.resource.address, target: `manifests[${index}] (escape hatch: ${object.label})` });
  });
  for (const resource of module.resources.filter((r) => r.mode === 'data'))
    rows.push({ address: resource.address, target: 'data source: read only, nothing to declare' });

  const moduleLabel = module.caller?.call.name;
  const spec: Record<string, Out> = {
    name,
    description: chosen(`Imported from ${toPosix(path.relative(repoRoot, moduleDir))}.`, 'a placeholder, say what the service is'),
    components: chosen([], 'no workload of its own, every object is in manifests (move them into typed fields as the spec API grows)'),
  };
  if (Object.keys(variables).length > 0) spec.variables = variables;
  spec.manifests = manifests;
  spec.importedFrom = {
    path: toPosix(path.relative(repoRoot, moduleDir)),
    module:
      moduleLabel !== undefined
        ? moduleLabel
        : chosen(`k8s_${toIdentifier(name)}`, 'the label of the module block in the root is not known without --root, check it'),
    resources,
  };
  const source = specSource(spec, module, rootFile);
  fs.writeFileSync(specPath, source, { flag: 'wx' });
  const temporary = `${indexPath}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, index);
  fs.renameSync(temporary, indexPath);
  return { specFile: relative(specPath), indexFile: relative(indexPath), rows };
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** A DNS-label name per object, from its Terraform name; the kind is added when two would clash. */
function manifestNames(objects: readonly KubeObject[]): string[] {
  const base = objects.map((object) => dnsLabel(object.resource.name));
  const counts = new Map<string, number>();
  for (const name of base) counts.set(name, (counts.get(name) ?? 0) + 1);
  const used = new Set<string>();
  return base.map((name, index) => {
    let candidate = counts.get(name)! > 1 ? `${name}-${objects[index]!.kind.toLowerCase()}` : name;
    for (let n = 2; used.has(candidate); n++) candidate = `${name}-${n}`;
    used.add(candidate);
    return candidate;
  });
}

function dnsLabel(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 63);
  return label === '' ? 'object' : label;
}

function recordOf(object: KubeObject): Out {
  const record: Record<string, Out> = { apiVersion: object.apiVersion, kind: object.kind, name: object.name };
  if (object.namespace !== undefined) record.namespace = object.namespace;
  return record;
}

function manifestOf(object: KubeObject, name: string, variables: Record<string, Out>): Out {
  const { metadata, spec, ...rest } = object.manifest();
  const fields = Object.fromEntries(Object.entries(rest).filter(([field]) => field !== 'apiVersion' && field !== 'kind'));
  const own = (metadata ?? {}) as PlainObject;
  const outMetadata: Record<string, Out> = { name: object.name };
  const namespaced = !CLUSTER_SCOPED_KINDS.has(object.kind);
  if (namespaced) outMetadata.namespace = value(own.namespace ?? 'default', variables);
  outMetadata.labels = value(own.labels ?? {}, variables);
  if (own.annotations !== undefined) outMetadata.annotations = value(own.annotations, variables);
  const extra = Object.keys(own).filter((key) => !['name', 'namespace', 'labels', 'annotations'].includes(key));
  if (extra.length > 0) throw new UserError(`${object.resource.address}: metadata.${extra[0]} cannot be imported`);
  const manifest: Record<string, Out> = {
    name,
    apiVersion: object.apiVersion,
    kind: object.kind,
  };
  if (!namespaced) manifest.namespaced = false;
  manifest.reason = `Imported from ${object.resource.address} as it was written.`;
  manifest.metadata = outMetadata;
  if (spec !== undefined) manifest.spec = value(spec, variables);
  if (Object.keys(fields).length > 0) manifest.fields = value(fields, variables);
  return manifest;
}

/** Plain data for the spec: what only Terraform knows becomes a module variable or a marked choice. */
function value(data: Plain, variables: Record<string, Out>): Out {
  const unknown = unknownText(data);
  if (unknown !== undefined) {
    const variable = /^var\.([a-z][a-z0-9_]*)$/.exec(unknown)?.[1];
    if (variable === 'namespace') return { $code: "variable('namespace')" };
    if (variable !== undefined) {
      variables[variable] ??= {
        description: `Imported from var.${variable}`,
        type: 'string',
        default: chosen('', `var.${variable} has no value without --root or a default, set it`),
      };
      return { $code: `variable('${variable}')` };
    }
    return chosen(`\${${unknown}}`, `was \${${unknown}}, which only Terraform knows, write the value`);
  }
  if (Array.isArray(data)) return data.map((item) => value(item, variables));
  if (data !== null && typeof data === 'object') return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, value(v, variables)]));
  if (typeof data === 'string') return templated(data);
  return data;
}

/** A string with `${var.x}` inside (from a YAML heredoc) is a template of variables. */
function templated(text: string): Out {
  if (!/\$\{var\.[a-z][a-z0-9_]*\}/.test(text)) return text;
  const parts = text.split(/(\$\{var\.[a-z][a-z0-9_]*\})/).filter((part) => part !== '');
  const code = parts
    .map((part) => {
      const variable = /^\$\{var\.([a-z][a-z0-9_]*)\}$/.exec(part)?.[1];
      return variable !== undefined ? `\${variable('${variable}')}` : part.replace(/[`\\]|\$\{/g, (m) => `\\${m}`);
    })
    .join('');
  return { $code: `tpl\`${code}\`` };
}

// ---------------------------------------------------------------------------
// TypeScript

function isChosen(value: Out): value is Chosen {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '$chosen' in value;
}

function isCode(value: Out): value is Code {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '$code' in value;
}

function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function literal(text: string): string {
  if (text.includes('\n') && !/[`\\]|\$\{/.test(text)) return `\`${text}\``;
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** TypeScript text of a value; comments of chosen values go on the line above their property. */
function print(value: Out): string {
  if (isChosen(value)) return print(value.$chosen);
  if (isCode(value)) return value.$code;
  if (value === null) return 'null';
  if (typeof value === 'string') return literal(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const multiline = value.some((item) => typeof item === 'object' && item !== null);
    const items = value.map((item) => `${comments(item)}${print(item)}`);
    return multiline ? `[\n${items.join(',\n')},\n]` : `[${items.join(', ')}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([name, inner]) => `${comments(inner)}${key(name)}: ${print(inner)}`).join(',\n')},\n}`;
}

function comments(value: Out): string {
  return isChosen(value) ? `// Chosen by import: ${value.why}.\n` : '';
}

function usesCode(value: Out, call: string): boolean {
  if (isCode(value)) return value.$code.includes(call);
  if (isChosen(value)) return usesCode(value.$chosen, call);
  if (Array.isArray(value)) return value.some((item) => usesCode(item, call));
  if (value !== null && typeof value === 'object') return Object.values(value).some((inner) => usesCode(inner, call));
  return false;
}

function specSource(spec: Record<string, Out>, module: TfModule, rootFile: string | undefined): string {
  const helpers = ['defineService', ...(usesCode(spec, 'tpl`') ? ['tpl'] : []), ...(usesCode(spec, 'variable(') ? ['variable'] : [])];
  const from = relative(module.dir);
  const text = `import { ${helpers.join(', ')} } from 'gen-modules';

/**
 * Imported by gen-modules import from ${from}${rootFile ? ` with the arguments of ${relative(rootFile)}` : ''}.
 * importedFrom lets gen-modules generate over that module and write the blocks
 * that adopt its objects; remove it once the first apply after adoption is done.
 */
export default defineService(${print(spec)});
`;
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { quoteKind: QuoteKind.Single, indentationText: IndentationText.TwoSpaces },
  });
  const source = project.createSourceFile('spec.ts', text);
  source.formatText({ indentSize: 2, convertTabsToSpaces: true, semicolons: 'insert' as never });
  return source.getFullText();
}
