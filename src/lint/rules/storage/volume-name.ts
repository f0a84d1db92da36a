import { z } from 'zod';
import { moduleName } from '../../../terraform/k8s/blocks';
import { createRule } from '../../rule';
import type { TfModule } from '../../../terraform/types';
import { annotationsOf, claimNames, claims, classOf, type Claim } from '../../../terraform/k8s/storage';

const ID = 'storage/volume-name';

const optionsSchema = z
  .object({
    /** The annotation the provisioner names the volume (and its directory) from. */
    annotation: z.string().min(1).default('volume-name'),
  })
  .strict()
  .default({ annotation: 'volume-name' });

function snake(name: string): string {
  return name.replace(/-/g, '_');
}

/**
 * The service names a volume may start with, in snake_case: the module folder
 * (one folder per service) and `local.app_name`, which modules set to the
 * service name.
 */
function serviceNames(module: TfModule): string[] {
  const appName = module.locals.find((local) => local.name === 'app_name')?.attribute.value();
  const names = [moduleName(module), ...(appName?.kind === 'string' ? [appName.value] : [])];
  return [...new Set(names.map(snake))];
}

/** `<service>_<type>` suggested from the claim name (`grafana-plugins` → `grafana_plugins`). */
function suggestion(services: string[], claim: Claim, prefix: string): string {
  const service = services[services.length - 1] ?? 'service';
  const name = claim.name === undefined ? '' : snake(claim.name);
  const bare = prefix !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return services.some((s) => bare.startsWith(`${s}_`) && bare.length > s.length + 1) ? bare : `${service}_data`;
}

function followsPattern(value: string, services: string[]): boolean {
  return services.some((service) => value.startsWith(`${service}_`) && value.length > service.length + 1);
}

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  summary: 'Claims on the persistent class carry a `volume-name` annotation `<service>_<type>` without the provisioner prefix',
  messages: {
    missing:
      'Claim "{{claim}}" on class "{{class}}" has no "{{annotation}}" annotation: add `"{{annotation}}" = "{{suggestion}}"` to its metadata annotations',
    prefixed:
      'Volume name "{{value}}" repeats the provisioner prefix "{{prefix}}" (the directory would be {{prefix}}{{value}}): use "{{suggestion}}"',
    pattern: 'Volume name "{{value}}" is not `<service>_<type>` for service "{{service}}": use e.g. "{{suggestion}}"',
  },
  options: optionsSchema,
  check({ module, constitution, options, report }) {
    const services = serviceNames(module);
    const prefix = constitution.volumePrefix;
    for (const claim of claims(module)) {
      const cls = classOf(claim.spec);
      if (cls.kind !== 'known' || cls.name !== constitution.persistentClass) continue;
      const exception = { subjects: claimNames(module, claim), storageClass: cls.name };
      const annotations = annotationsOf(claim.metadata);
      if (!annotations) continue;
      const address = claim.resource.address;
      const data = {
        claim: claim.name ?? address,
        class: cls.name,
        annotation: options.annotation,
        prefix,
        service: services[services.length - 1] ?? '',
      };
      const value = annotations.entries.get(options.annotation);
      if (value === undefined) {
        const range = annotations.attribute?.range ?? (claim.metadata ?? claim.block).headerRange;
        report({ messageId: 'missing', data: { ...data, suggestion: suggestion(services, claim, prefix) }, range, address, ...exception });
      } else if (value.kind === 'string' && prefix !== '' && value.value.startsWith(prefix)) {
        const bare = value.value.slice(prefix.length);
        report({
          messageId: 'prefixed',
          data: { ...data, value: value.value, suggestion: bare },
          range: value.range,
          address,
          ...exception,
        });
      } else if (value.kind === 'string' && !followsPattern(value.value, services)) {
        report({
          messageId: 'pattern',
          data: { ...data, value: value.value, suggestion: suggestion(services, claim, prefix) },
          range: value.range,
          address,
          ...exception,
        });
      }
    }
  },
});
