import fs from 'node:fs';
import path from 'node:path';
import { loadModuleDir, loadSources } from '../../src/terraform/load';
import { moduleDocs, type ModuleDocs } from '../../src/terraform/module-docs';
import { renderReadme } from '../../src/generate/readme';
import { mermaid, readmeView } from '../../src/generate/view/readme';
import { mermaidBlocks, parseMermaid } from '../support/mermaid';
import { REPO } from '../support/tmp';

/**
 * A module's README from the module model: what links the objects, what is
 * shown of values only Terraform knows, and a diagram Mermaid itself parses.
 */

const IMPORT = path.join(REPO, 'test', 'fixtures', 'import', 'modules-k8s');
const MESSY = path.join(REPO, 'test', 'fixtures', 'docs', 'messy');

/** The links of a module as `Kind name -label-> Kind name`, external objects marked with `?`. */
function links(docs: ModuleDocs): string[] {
  const byId = new Map(docs.nodes.map((node) => [node.id, node]));
  const name = (id: string): string => {
    const node = byId.get(id)!;
    return `${node.kind} ${node.name}${node.external ? '?' : ''}`;
  };
  return docs.edges.map((edge) => `${name(edge.from)} -${edge.label}-> ${name(edge.to)}`).sort();
}

async function docsOf(dir: string): Promise<ModuleDocs> {
  return moduleDocs(await loadModuleDir(dir));
}

describe('the objects of hand-written modules and how they connect', () => {
  test('IngressRoute → Middleware → Service → Deployment → ConfigMap (searxng)', async () => {
    const docs = await docsOf(path.join(IMPORT, 'searxng'));
    expect(links(docs)).toEqual([
      'Deployment searxng -mounts-> ConfigMap searxng-config',
      'IngressRoute searxng -through-> Middleware searxng-headers',
      'Middleware searxng-headers -routes to-> Service searxng',
      'Service searxng -selects-> Deployment searxng',
    ]);
    expect(docs.hostnames).toEqual([{ host: 'search.home.example.org', servedBy: 'IngressRoute searxng' }]);
  });

  test('Ingress → Service → StatefulSet → claim template and Secret ← ExternalSecret ← store path (vaultwarden)', async () => {
    const docs = await docsOf(path.join(IMPORT, 'vaultwarden'));
    expect(links(docs)).toEqual([
      'ExternalSecret vaultwarden-secrets -writes-> Secret vaultwarden-secrets?',
      'Ingress vaultwarden -routes to-> Service vaultwarden',
      'SecretStorePath nomad/default/vaultwarden? -read by-> ExternalSecret vaultwarden-secrets',
      'Service vaultwarden -selects-> StatefulSet vaultwarden',
      'StatefulSet vaultwarden -claims-> PersistentVolumeClaim data (template)',
      'StatefulSet vaultwarden -reads-> Secret vaultwarden-secrets?',
    ]);
    // The host depends on a variable without a default: shown as the expression, not guessed.
    expect(docs.hostnames).toEqual([{ host: 'vault.${var.domain}', servedBy: 'Ingress vaultwarden' }]);
    expect(docs.secrets).toEqual([
      {
        externalSecret: 'vaultwarden-secrets',
        store: 'ClusterSecretStore/vault-backend',
        path: 'nomad/default/vaultwarden',
        keys: ['ADMIN_TOKEN'],
        target: 'vaultwarden-secrets',
      },
    ]);
  });

  test('RBAC of unversioned resources: the binding grants the ClusterRole to the ServiceAccount the DaemonSet runs as (node-agent)', async () => {
    expect(links(await docsOf(path.join(IMPORT, 'node-agent')))).toEqual([
      'ClusterRoleBinding node-agent -grants-> ClusterRole node-agent',
      'ClusterRoleBinding node-agent -to-> ServiceAccount node-agent',
      'DaemonSet node-agent -runs as-> ServiceAccount node-agent',
    ]);
  });

  test('several workloads in one module, each with its own Service (media, minio)', async () => {
    expect(links(await docsOf(path.join(IMPORT, 'media')))).toEqual([
      'Service radarr -selects-> Deployment radarr',
      'Service sonarr -selects-> Deployment sonarr',
    ]);
    expect(links(await docsOf(path.join(IMPORT, 'minio')))).toEqual([
      'Deployment minio -mounts-> PersistentVolumeClaim minio-data',
      'Deployment minio -reads-> Secret minio-secrets?',
      'Service minio -selects-> Deployment minio',
      'Service minio-console -selects-> Deployment minio',
    ]);
  });

  test('a messy module: kubernetes_manifest and heredoc objects, for_each, merge(), unknown names, a selector from a variable', async () => {
    const docs = await docsOf(MESSY);
    expect(links(docs)).toEqual([
      'Deployment home-assistant -mounts-> PersistentVolumeClaim home-assistant-config',
      'Deployment home-assistant -reads-> Secret home-assistant-env?',
      'Deployment home-assistant -runs as-> ServiceAccount home',
      'ExternalSecret home-assistant-env -writes-> Secret home-assistant-env?',
      'IngressRoute home-assistant -through-> Middleware forward-auth?',
      'Middleware forward-auth? -routes to-> Service home-assistant',
      'SecretStorePath home/prod/home-assistant? -read by-> ExternalSecret home-assistant-env',
      // A StatefulSet written as a kubernetes_manifest mounts a ConfigMap written as a YAML heredoc.
      'StatefulSet mosquitto -mounts-> ConfigMap mosquitto-conf',
    ]);
    // The Service's selector is var.selector: which pods it selects is not drawn.
    expect(links(docs).some((link) => link.startsWith('Service'))).toBe(false);
    const nodes = docs.nodes.filter((n) => !n.external).map((n) => `${n.kind} ${n.name}${n.repeated ? ` [${n.repeated}]` : ''}`);
    expect(nodes).toContain('ConfigMap dashboard-${each.key} [for_each]');
    expect(nodes).toContain('Deployment ${var.worker_name}');
    expect(docs.hostnames.map((h) => h.host)).toEqual(['${var.hostname}', 'ha.home.example.org']);
    expect(docs.secrets).toEqual([
      expect.objectContaining({ path: 'home/prod/home-assistant', keys: undefined, target: 'home-assistant-env' }),
    ]);
  });

  test('inputs and outputs as terraform-docs shows them: type and default as written, required when there is no default', async () => {
    const docs = await docsOf(MESSY);
    expect(docs.inputs.find((i) => i.name === 'namespace')).toEqual({
      name: 'namespace',
      description: '',
      type: 'string',
      default: undefined,
    });
    expect(docs.inputs.find((i) => i.name === 'environment')).toEqual({
      name: 'environment',
      description: '',
      type: 'any',
      default: '"prod"',
    });
    expect(docs.inputs.find((i) => i.name === 'dashboards')?.type).toBe('map(object({\n    title = string\n    yaml  = string\n  }))');
    expect(docs.outputs).toEqual([{ name: 'service', description: '' }]);
  });
});

describe('the README', () => {
  test('tables escape pipes, multi-line types become <pre>, required inputs show n/a and yes', async () => {
    const readme = renderReadme(await loadModuleDir(MESSY), { title: 'messy', description: 'Home automation.' });
    expect(readme).toContain('| `extra_labels` | Labels added to every object \\| merged first | `map(string)` | `{}` | no |');
    expect(readme).toContain('| `namespace` | n/a | `string` | n/a | yes |');
    expect(readme).toContain('<pre>map(object({<br>    title = string<br>    yaml  = string<br>  }))</pre>');
    expect(readme).toContain('| Deployment | `${var.worker_name}` | `kubernetes_deployment.worker` |');
    expect(readme).toContain('| ConfigMap | `dashboard-${each.key}` | `kubernetes_config_map.dashboards` (for_each) |');
    expect(readme).toContain(
      '| `home-assistant-env` | `ClusterSecretStore/vault-backend` | `home/prod/home-assistant` | all keys | `home-assistant-env` |',
    );
  });

  test('a module without objects, inputs or outputs says so and draws nothing', async () => {
    const [module] = await loadSources({ 'empty/versions.tf': 'terraform {\n  required_version = ">= 1.5"\n}\n' });
    const readme = renderReadme(module!, { title: 'empty', description: undefined });
    expect(readme).not.toContain('```mermaid');
    expect(readme).toContain('## Inputs\n\nNo inputs.\n');
    expect(readme).toContain('## Outputs\n\nNo outputs.\n');
  });

  test('labels that carry Mermaid or Markdown syntax are written as entity codes; table cells keep them in code spans', () => {
    expect(mermaid(AWKWARD)[1]).toBe('  n1["ConfigMap<br/>say #34;hi#34; #60;b#62;#35;1#60;/b#62; #96;x#96; #38; more"]');
    expect(readmeView({ title: 'x', description: undefined, docs: AWKWARD }).objects.rows[0]![1]).toBe('``say "hi" <b>#1</b> `x` & more``');
  });
});

/** Names a hand-written module may well have, and Mermaid's keyword `end`. */
const AWKWARD: ModuleDocs = {
  inputs: [],
  outputs: [],
  nodes: [
    { id: 'a', kind: 'ConfigMap', name: 'say "hi" <b>#1</b> `x` & more', address: 'a', external: false, repeated: undefined },
    { id: 'b', kind: 'Service', name: 'end', address: undefined, external: true, repeated: undefined },
    { id: 'c', kind: 'Deployment', name: 'x|y [z] (w) {v}', address: 'c', external: false, repeated: 'count' },
  ],
  edges: [
    { from: 'a', to: 'b', label: 'routes to' },
    { from: 'b', to: 'c', label: 'selects' },
  ],
  secrets: [],
  hostnames: [],
};

describe('every diagram is valid Mermaid', () => {
  test('hand-written modules, the built-in stack and the golden cases, checked by the mermaid package', async () => {
    const diagrams: Array<[string, string]> = [];
    for (const name of fs.readdirSync(IMPORT).sort()) diagrams.push([name, mermaid(await docsOf(path.join(IMPORT, name))).join('\n')]);
    diagrams.push(['messy', mermaid(await docsOf(MESSY)).join('\n')], ['awkward names', mermaid(AWKWARD).join('\n')]);
    const readmes = [
      ...fs.readdirSync(path.join(REPO, 'out', 'modules-k8s')).map((s) => path.join(REPO, 'out', 'modules-k8s', s, 'README.md')),
      ...fs
        .readdirSync(path.join(REPO, 'test', 'generate', 'golden'), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .flatMap((e) => {
          const out = path.join(REPO, 'test', 'generate', 'golden', e.name, 'out', 'modules-k8s');
          return fs.readdirSync(out).map((s) => path.join(out, s, 'README.md'));
        }),
    ];
    for (const file of readmes) for (const block of mermaidBlocks(fs.readFileSync(file, 'utf8'))) diagrams.push([file, block]);
    expect(diagrams.length).toBeGreaterThan(20);
    // The checker is not a yes-man: a broken diagram is rejected.
    const broken = 'flowchart LR\n  n1["a"] -->|x| \n  n2["unclosed]\n';
    const results = parseMermaid([...diagrams.map(([, diagram]) => diagram), broken]);
    expect(results.pop()).toMatch(/Parse error/);
    expect(diagrams.map(([where], index) => [where, results[index]]).filter(([, error]) => error !== null)).toEqual([]);
  });
});
