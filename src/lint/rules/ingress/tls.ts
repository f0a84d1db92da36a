import { z } from 'zod';
import { blocksOf, firstBlock, resourcesOf } from '../../../terraform/k8s/blocks';
import { traefikManifests } from '../../../terraform/k8s/manifests';
import { createRule } from '../../rule';
import { dig, entryOf, itemsOf, stringOf } from '../../../terraform/values';

const optionsSchema = z
  .object({
    /** Traefik entry points that terminate TLS. */
    tlsEntryPoints: z.array(z.string().min(1)).min(1).default(['websecure']),
  })
  .strict()
  .default({ tlsEntryPoints: ['websecure'] });

export default createRule({
  id: 'ingress/tls',
  defaultSeverity: 'error',
  summary: 'IngressRoutes listen only on TLS entry points and carry a tls section; Ingresses have a tls block.',
  options: optionsSchema,
  messages: {
    plainEntryPoint: 'IngressRoute listens on {{entryPoints}}; set entryPoints to {{tls}} only',
    noEntryPoints: 'IngressRoute sets no entryPoints, so Traefik serves it on every entry point; set entryPoints = {{tls}}',
    noTls: 'IngressRoute has no spec.tls; add tls (e.g. the wildcard certificate secretName)',
    ingressNoTls: 'Ingress has no tls block; add one with the hosts and the certificate secret',
  },
  check({ module, options, report }) {
    const tlsList = JSON.stringify(options.tlsEntryPoints);
    for (const route of traefikManifests(module, 'IngressRoute')) {
      const specEntry = entryOf(route.body, 'spec');
      const spec = specEntry?.value;
      if (!specEntry || !spec || spec.kind !== 'object') continue;
      const address = route.resource.address;
      const entryPoints = entryOf(spec, 'entryPoints');
      const items = itemsOf(entryPoints?.value);
      if (!entryPoints || (items && items.length === 0)) {
        report({ messageId: 'noEntryPoints', data: { tls: tlsList }, range: (entryPoints ?? specEntry).keyRange, address });
      } else if (items) {
        const plain = items.map(stringOf).filter((name): name is string => name !== undefined && !options.tlsEntryPoints.includes(name));
        if (plain.length > 0)
          report({
            messageId: 'plainEntryPoint',
            data: { entryPoints: plain.join(', '), tls: tlsList },
            range: entryPoints.keyRange,
            address,
          });
      }
      if (dig(spec, 'tls') === undefined) report({ messageId: 'noTls', range: specEntry.keyRange, address });
    }
    for (const ingress of resourcesOf(module, 'kubernetes_ingress')) {
      if (ingress.mode !== 'resource') continue;
      const spec = firstBlock(ingress.block, 'spec');
      if (blocksOf(spec, 'tls').length > 0) continue;
      report({ messageId: 'ingressNoTls', range: (spec ?? ingress.block).headerRange, address: ingress.address });
    }
  },
});
