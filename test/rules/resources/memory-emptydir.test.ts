import rule from '../../../src/lint/rules/resources/memory-emptydir';
import { testRule } from '../../support/rule-tester';
import { deployment, workload } from '../images/_fixtures';

/** A container mounting `volume` at /cache, with a memory limit written as `limits` (map or block). */
const app = (name: string, limits: string, volume = 'cache', type = 'container'): string => `        ${type} {
          name  = "${name}"
          image = "example/${name}:1.0"

          resources {
            requests = {
              cpu    = "100m"
              memory = "128Mi"
            }
${limits}          }

          volume_mount {
            name       = "${volume}"
            mount_path = "/cache"
          }
        }
`;

const limitMap = (memory: string): string => `            limits = {\n              memory = ${memory}\n            }\n`;

const memoryVolume = (name: string, sizeLimit?: string, medium = '"Memory"'): string => `        volume {
          name = "${name}"

          empty_dir {
            medium = ${medium}
${sizeLimit === undefined ? '' : `            size_limit = ${sizeLimit}\n`}          }
        }
`;

testRule(rule, {
  valid: [
    { name: 'size limit below the memory limit', code: deployment(app('web', limitMap('"1Gi"')) + memoryVolume('cache', '"256Mi"')) },
    { name: 'compared as quantities, not as text', code: deployment(app('web', limitMap('"4Gi"')) + memoryVolume('cache', '"4000Mi"')) },
    {
      name: 'disk-backed emptyDir needs no limit',
      code: deployment(app('web', limitMap('"1Gi"')) + memoryVolume('cache', undefined, '""')),
    },
    {
      name: 'medium from a variable stays unknown',
      code: deployment(app('web', limitMap('"1Gi"')) + memoryVolume('cache', undefined, 'var.cache_medium')),
    },
    {
      name: 'size limit from a variable without default',
      code: deployment(app('web', limitMap('"1Gi"')) + memoryVolume('cache', 'var.cache_size')),
    },
    { name: 'memory limit unknown', code: deployment(app('web', '            limits = var.limits\n') + memoryVolume('cache', '"2Gi"')) },
    {
      name: 'no container mounts the volume with a known limit',
      code: deployment(app('web', '', 'other') + memoryVolume('cache', '"2Gi"')),
    },
    {
      name: 'size limit from a variable default, below the limit in a block',
      code: `variable "cache_size" {\n  type    = string\n  default = "64Mi"\n}\n\n${deployment(app('web', '            limits {\n              memory = "512Mi"\n            }\n') + memoryVolume('cache', 'var.cache_size'))}`,
    },
  ],
  invalid: [
    {
      name: 'tmpfs without size limit, unversioned Deployment',
      code: workload('kubernetes_deployment', 'web', app('web', limitMap('"1Gi"')) + memoryVolume('cache')),
      expected: [
        {
          messageId: 'noLimit',
          line: 36,
          column: 13,
          message:
            'Volume "cache" is a memory-backed emptyDir (tmpfs) without `size_limit`: what is written there counts against the memory limit, so filling it OOM-kills the pod: set `size_limit` well below the memory limit of the containers that mount it',
        },
      ],
    },
    {
      name: 'equal quantities written in different units',
      code: deployment(app('web', limitMap('"4Gi"')) + memoryVolume('cache', '"4096Mi"')),
      expected: [
        {
          messageId: 'tooLarge',
          line: 37,
          column: 13,
          message:
            'Volume "cache" may hold 4096Mi of tmpfs, but container "web" that mounts it has a memory limit of 4Gi: the pod is OOM-killed before the volume is full: set `size_limit` below 4Gi (leave room for the process), or raise the limit',
        },
      ],
    },
    {
      name: 'the smallest limit of the containers that mount it, a sidecar in a StatefulSet',
      code: workload(
        'kubernetes_stateful_set_v1',
        'db',
        app('db', limitMap('"2Gi"')) +
          app('backup', limitMap('"256Mi"')) +
          app('other', limitMap('"64Mi"'), 'scratch') +
          memoryVolume('cache', '"1Gi"'),
      ),
      expected: [
        {
          messageId: 'tooLarge',
          line: 75,
          column: 13,
          message:
            'Volume "cache" may hold 1Gi of tmpfs, but container "backup" that mounts it has a memory limit of 256Mi: the pod is OOM-killed before the volume is full: set `size_limit` below 256Mi (leave room for the process), or raise the limit',
        },
      ],
    },
    {
      name: 'size limit through a variable default, limit in bytes, init container',
      code: `variable "cache_size" {\n  type    = string\n  default = "1G"\n}\n\n${workload('kubernetes_cron_job_v1', 'job', app('warm', limitMap('536870912'), 'cache', 'init_container') + memoryVolume('cache', 'var.cache_size'))}`,
      expected: [{ messageId: 'tooLarge', line: 43, column: 17 }],
    },
    {
      name: 'size limit null',
      code: deployment(app('web', limitMap('"1Gi"')) + memoryVolume('cache', 'null')),
      expected: [{ messageId: 'noLimit', line: 36, column: 13 }],
    },
  ],
});
