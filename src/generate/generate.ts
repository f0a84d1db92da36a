import path from 'node:path';
import type { LoadedService, LoadedSpecs } from '../spec-api/load';
import type { Stack } from '../spec-api/schema';
import { formatHcl } from '../hcl/format';
import { adoptionOf, type Adoption } from './adoption';
import { header, seal } from './header';
import { moduleName } from './naming';
import { render, type TemplateName } from './render';
import { renderedModuleReadme } from './readme';
import type { ViewContext } from './view/context';
import { mainView } from './view/module';
import { outputsView } from './view/outputs';
import { rbacView } from './view/rbac';
import { externalSecretView } from './view/secrets';
import { variablesView } from './view/variables';
import { objectsView } from './view/objects';
import { allRoutes } from '../spec-api/naming';
import { byKey } from '../util/compare';

/** One file gen-modules writes. */
export interface GeneratedFile {
  /** Path relative to the output root (the folder that holds `kubernetes.tf`), with `/` separators. */
  path: string;
  content: string;
  /** The spec file it comes from (relative to cwd). */
  source: string;
  /** The service it belongs to; undefined for the root `kubernetes.tf`. */
  service?: string;
}

export interface Layout {
  /** The modules folder relative to the root, `/`-separated: `modules-k8s`, or `../out/modules-k8s` with `--root`. */
  modulesDir: string;
}

/** Render one service's module files, formatted as `terraform fmt` would, and its README. */
export function renderService(stack: Stack, loaded: LoadedService, layout: Layout): GeneratedFile[] {
  return withReadme(loaded, renderServiceTerraform(stack, loaded, layout));
}

/** One service's Terraform files (no README), formatted as `terraform fmt` would. */
export function renderServiceTerraform(stack: Stack, loaded: LoadedService, layout: Layout): GeneratedFile[] {
  const context: ViewContext = { service: loaded.spec, stack };
  const dir = `${layout.modulesDir}/${loaded.spec.name}`;
  const files: Array<[string, TemplateName, object]> = [
    ['main.tf', 'main', mainView(context)],
    ['variables.tf', 'variables', { variables: variablesView(context) }],
    ['outputs.tf', 'outputs', { outputs: outputsView(context) }],
    ['versions.tf', 'versions', { providers: providersView(stack, loaded) }],
  ];
  const externalSecret = externalSecretView(context);
  if (externalSecret) files.push(['secrets.tf', 'secrets', { externalSecret }]);
  const rbac = rbacView(context);
  if (rbac) files.push(['rbac.tf', 'rbac', { rbac }]);
  const objects = objectsView(context);
  if (objects) files.push(['objects.tf', 'objects', objects]);
  return sorted(
    files.map(([name, template, view]) => ({
      path: `${dir}/${name}`,
      content: seal(formatHcl(render(template, { header: header(loaded.file), ...view }))),
      source: loaded.file,
      service: loaded.spec.name,
    })),
  );
}

/** A service's Terraform files with the module README read back from them, in file order. */
function withReadme(loaded: LoadedService, terraform: readonly GeneratedFile[]): GeneratedFile[] {
  const dir = terraform[0]!.path.replace(/\/[^/]+$/, '');
  const rendered = terraform.map((file): [string, string] => [file.path.slice(dir.length + 1), file.content]);
  const readme = renderedModuleReadme(dir, rendered, { spec: loaded.file, title: loaded.spec.name, description: loaded.spec.description });
  return sorted([...terraform, { path: `${dir}/README.md`, content: readme, source: loaded.file, service: loaded.spec.name }]);
}

/** Code-unit order, not the locale's: the same bytes on every machine. */
function sorted(files: GeneratedFile[]): GeneratedFile[] {
  return files.sort(byKey((file) => file.path));
}

/** kubectl is needed only by modules with custom resources (IngressRoute, ExternalSecret, Middleware, manifests). */
function providersView(stack: Stack, loaded: LoadedService): Array<{ name: string; source: string; version: string }> {
  const providers = [{ name: 'kubernetes', ...stack.providers.kubernetes }];
  const spec = loaded.spec;
  const customResources =
    spec.secrets !== undefined ||
    allRoutes(spec).some(({ route }) => route.kind === 'IngressRoute' || route.auth) ||
    spec.objects.some((o) => !['PodDisruptionBudget', 'NetworkPolicy'].includes(o.kind)) ||
    spec.manifests.length > 0;
  if (customResources) providers.push({ name: 'kubectl', ...stack.providers.kubectl });
  return providers;
}

/** The root `kubernetes.tf` module blocks, one per service, and the blocks that adopt imported modules. */
export function renderRoot(specs: LoadedSpecs, layout: Layout, adoptions: readonly Adoption[] = []): GeneratedFile {
  const modules = specs.services.map(({ spec }) => {
    const dir = path.posix.join(layout.modulesDir, spec.name);
    // Terraform reads a module source as a local path only when it starts with ./ or ../.
    return { name: moduleName(spec), description: spec.description, source: dir.startsWith('../') ? dir : `./${dir}` };
  });
  return {
    path: 'kubernetes.tf',
    content: seal(formatHcl(render('kubernetes', { header: header(specs.indexFile), modules, adoptions: adoptionViews(adoptions) }))),
    source: specs.indexFile,
  };
}

function adoptionViews(adoptions: readonly Adoption[]): object[] | null {
  const views = adoptions
    .filter((adoption) => adoption.blocks.length > 0)
    .map((adoption) => ({
      comment: `Adoption of the hand-written module ${adoption.path} by the module generated for ${adoption.service}. Once applied, remove importedFrom from its spec and generate again: these blocks go away.`,
      blocks: adoption.blocks,
    }));
  return views.length > 0 ? views : null;
}

/**
 * Every file of the stack, in a stable order. With `only`, the modules of those
 * services and the root block, which always lists every service: a module
 * generated alone is called from the root as well. `onService` gets each
 * service's Terraform files (not its README) as soon as they are rendered.
 */
export function renderAll(
  specs: LoadedSpecs,
  layout: Layout,
  only?: ReadonlySet<string>,
  adoptions: readonly Adoption[] = [],
  onService?: (service: LoadedService, files: GeneratedFile[]) => void,
): GeneratedFile[] {
  const services = only ? specs.services.filter((s) => only.has(s.spec.name)) : specs.services;
  // Every service's Terraform first, each handed to `onService` at once (the round trip can start on it),
  // then the READMEs, which are read back from that Terraform.
  const terraform = services.map((s) => {
    const own = renderServiceTerraform(specs.stack, s, layout);
    onService?.(s, own);
    return own;
  });
  const files = services.flatMap((s, index) => withReadme(s, terraform[index]!));
  files.push(renderRoot(specs, layout, adoptions));
  return files;
}

/** A `.tf` file (a module also has its README.md). */
export function isTerraform(file: GeneratedFile): boolean {
  return file.path.endsWith('.tf');
}

/** Descriptions still holding a placeholder: each becomes the comment above the service's block in the root `kubernetes.tf`. */
export function placeholderWarnings(specs: LoadedSpecs): string[] {
  return specs.services
    .filter(({ spec }) => /\bTODO\b/.test(spec.description))
    .map(
      ({ spec, file }) =>
        `${file}: description: still a placeholder ("${spec.description}"); it is the comment above module "${moduleName(spec)}" in kubernetes.tf`,
    );
}

/** The adoption blocks of every service that records where it was imported from. */
export async function adoptionsOf(specs: LoadedSpecs, files: readonly GeneratedFile[]): Promise<Adoption[]> {
  const adoptions: Adoption[] = [];
  for (const { spec } of specs.services) {
    if (!spec.importedFrom) continue;
    const adoption = await adoptionOf(
      spec,
      files.filter((file) => file.service === spec.name && isTerraform(file)),
    );
    if (adoption) adoptions.push(adoption);
  }
  return adoptions;
}
