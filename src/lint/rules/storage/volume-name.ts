import { z } from 'zod';
import { moduleName } from '../../../terraform/k8s/blocks';
import { workloadNames, workloads } from '../../../terraform/k8s/workloads';
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
 * (one folder per service), `local.app_name`, which modules set to the service
 * name, and, for modules that run several apps, any workload's name or `app`
 * label. The first ones are the module's own names, suggested first.
 */
function serviceNames(module: TfModule): { own: string[]; all: string[] } {
  const appName = module.locals.find((local) => local.name === 'app_name')?.attribute.value();
  const own = [...new Set([moduleName(module), ...(appName?.kind === 'string' ? [appName.value] : [])].map(snake))];
  const all = [...new Set([...own, ...workloads(module).flatMap((workload) => workloadNames(workload).map(snake))])];
  return { own, all };
}

/** `<service>_<type>` suggested from the claim name (`grafana-plugins` → `grafana_plugins`); a claim template's StatefulSet names its service. */
function suggestion(module: TfModule, names: { own: string[]; all: string[] }, claim: Claim, prefix: string): string {
  const template = claim.template ? workloads(module).find((workload) => workload.resource === claim.resource) : undefined;
  const service = (template ? snake(workloadNames(template)[0] ?? '') : undefined) || names.own[names.own.length - 1] || 'service';
  const name = claim.name === undefined ? '' : snake(claim.name);
  const bare = prefix !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return names.all.some((s) => bare.startsWith(`${s}_`) && bare.length > s.length + 1) ? bare : `${service}_data`;
}

function followsPattern(value: string, services: string[]): boolean {
  return services.some((service) => value.startsWith(`${service}_`) && value.length > service.length + 1);
}

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  summary:
    'Claims on the persistent class carry a `volume-name` annotation `<service>_<type>` (the module or one of its workloads) without the provisioner prefix',
  messages: {
    missing:
      'Claim "{{claim}}" on class "{{class}}" has no "{{annotation}}" annotation: add `"{{annotation}}" = "{{suggestion}}"` to its metadata annotations',
    prefixed:
      'Volume name "{{value}}" repeats the provisioner prefix "{{prefix}}" (the directory would be {{prefix}}{{value}}): use "{{suggestion}}"',
    pattern: 'Volume name "{{value}}" is not `<service>_<type>` for a service of this module ({{services}}): use e.g. "{{suggestion}}"',
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
        services: services.all.join(', '),
      };
      const value = annotations.entries.get(options.annotation);
      if (value === undefined) {
        // A map of unknown keys may hold the annotation.
        if (annotations.open) continue;
        const range = annotations.attribute?.range ?? (claim.metadata ?? claim.block).headerRange;
        report({
          messageId: 'missing',
          data: { ...data, suggestion: suggestion(module, services, claim, prefix) },
          range,
          address,
          ...exception,
        });
      } else if (value.kind === 'string' && prefix !== '' && value.value.startsWith(prefix)) {
        const bare = value.value.slice(prefix.length);
        report({
          messageId: 'prefixed',
          data: { ...data, value: value.value, suggestion: bare },
          range: value.range,
          address,
          ...exception,
        });
      } else if (value.kind === 'string' && !followsPattern(value.value, services.all)) {
        report({
          messageId: 'pattern',
          data: { ...data, value: value.value, suggestion: suggestion(module, services, claim, prefix) },
          range: value.range,
          address,
          ...exception,
        });
      }
    }
  },
});
