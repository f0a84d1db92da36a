// Synthetic inputs for the benchmark: spec folders of a given size (Terraform trees: trees.js).
const fs = require('node:fs');
const path = require('node:path');

/** A specs folder with the built-in stack and `count` services shaped like real ones. */
function writeSpecs(dir, repo, count) {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(repo, 'specs', 'stack.ts'), path.join(dir, 'stack.ts'));
  const names = [];
  for (let i = 0; i < count; i++) {
    const name = `svc-${String(i).padStart(3, '0')}`;
    names.push(name);
    const spec = {
      name,
      description: `Synthetic service ${i}`,
      containers: [
        {
          name: 'app',
          image: { name: `example/app-${i}`, tag: `1.${i}.0` },
          args: ['--config=/etc/app/app.yml', `--instance=${i}`],
          ports: [{ name: 'http', containerPort: 8080 }],
          env: { LOG_LEVEL: 'info', TOKEN: { secret: 'TOKEN' }, POD_IP: { field: 'status.podIP' } },
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          probes: { liveness: { http: { path: '/healthz', port: 'http' } }, readiness: { http: { path: '/ready', port: 'http' } } },
          volumeMounts: [
            { volume: 'config', mountPath: '/etc/app' },
            { volume: 'data', mountPath: '/data' },
          ],
        },
      ],
      persistence: { data: { size: '1Gi' } },
      configMaps: {
        config: {
          files: { 'app.yml': { yaml: { server: { port: 8080, replacement: '${1}' }, features: ['a', 'b', 'c'], limits: { rps: i } } } },
        },
      },
      service: { ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
      ingress: { port: 'http' },
      secrets: { keys: ['TOKEN'] },
      rbac: { clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] },
      podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8080' },
    };
    fs.writeFileSync(
      path.join(dir, `${name}.ts`),
      `import { defineService } from 'gen-modules';\n\nexport default defineService(${JSON.stringify(spec, null, 2)});\n`,
    );
  }
  const imports = names.map((n, i) => `import s${i} from './${n}';`).join('\n');
  fs.writeFileSync(
    path.join(dir, 'index.ts'),
    `import stack from './stack';\n${imports}\n\nexport { stack };\nexport const services = [${names.map((_, i) => `s${i}`).join(', ')}];\n`,
  );
}

module.exports = { writeSpecs };
