import rule from '../../../src/lint/rules/workloads/exclusive-device-strategy';
import { testRule } from '../../support/rule-tester';

/** A Deployment (or another kind) whose `spec` starts with `specHead`; its pod spec body starts on line 16 when `specHead` is one line. */
const workload = (
  podSpec: string,
  specHead = '    replicas = 1\n',
  type = 'kubernetes_deployment_v1',
  name = 'app',
): string => `resource "${type}" "${name}" {
  metadata {
    name = "${name}"
  }

  spec {
${specHead}
    template {
      metadata {
        labels = { app = "${name}" }
      }

      spec {
${podSpec}      }
    }
  }
}
`;

const gpuContainer = (
  limits = '            limits = {\n              "nvidia.com/gpu" = 1\n              memory           = "4Gi"\n            }\n',
  type = 'container',
): string => `        ${type} {
          name  = "worker"
          image = "example/worker:1.0"

          resources {
${limits}          }
        }
`;

const plain = '        container {\n          name  = "web"\n          image = "nginx:1.27"\n        }\n';

const claimVolume =
  '        volume {\n          name = "data"\n\n          persistent_volume_claim {\n            claim_name = kubernetes_persistent_volume_claim_v1.data.metadata[0].name\n          }\n        }\n';

const claim = (mode: string, cls: string): string => `resource "kubernetes_persistent_volume_claim_v1" "data" {
  metadata {
    name = "app-data"
  }

  spec {
    access_modes       = ["${mode}"]
    storage_class_name = "${cls}"
  }
}

`;

const recreate = '    replicas = 1\n    strategy {\n      type = "Recreate"\n    }\n';

/** The fix: `strategy { type = "Recreate" }` before the last Deployment's `template`, where the generator writes it. */
const withRecreate = (code: string): string => {
  const at = code.lastIndexOf('    template {');
  return `${code.slice(0, at)}    strategy {\n      type = "Recreate"\n    }\n\n${code.slice(at)}`;
};

/** Hand-written: two Deployments (one unversioned) holding host ports, a rolling update with a comment, an empty one-line strategy, a one-line metadata block. */
const MESSY = `# Two DNS servers that bind host ports.
resource "kubernetes_deployment" "primary" {
  metadata {
    name = "dns-primary"
  }

  spec {
    replicas = 1

    strategy {
      type = "RollingUpdate"

      # one pod at a time
      rolling_update {
        max_surge       = 1
        max_unavailable = 0
      }
    }

    selector {
      match_labels = { app = "dns-primary" }
    }

    template {
      metadata {
        labels = { app = "dns-primary" }
      }

      spec {
        container {
          name  = "dns"
          image = "pihole/pihole:2024.07.0"

          port {
            container_port = 53
            host_port      = 53
            protocol       = "UDP"
          }
        }
      }
    }
  }
}

resource "kubernetes_deployment_v1" "secondary" {
  metadata { name = "dns-secondary" }
  spec {
    strategy {}
    selector {
      match_labels = { app = "dns-secondary" }
    }
    template {
      metadata {
        labels = { app = "dns-secondary" }
      }
      spec {
        container {
          name  = "dns"
          image = "pihole/pihole:2024.07.0"
          port {
            container_port = 53
            host_port      = 5353
          }
        }
      }
    }
  }
}
`;

testRule(rule, {
  valid: [
    { name: 'GPU with Recreate', code: workload(gpuContainer(), recreate) },
    {
      name: 'GPU with a rolling update that cannot surge',
      code: workload(
        gpuContainer(),
        '    replicas = 1\n    strategy {\n      type = "RollingUpdate"\n      rolling_update {\n        max_surge       = "0"\n        max_unavailable = "1"\n      }\n    }\n',
      ),
    },
    { name: 'a second GPU leaves room for the new pod', code: workload(gpuContainer()), options: { devices: { 'nvidia.com/gpu': 2 } } },
    {
      name: 'replicas unknown',
      code: `variable "replicas" {\n  type = number\n}\n\n${workload(gpuContainer(), '    replicas = var.replicas\n')}`,
    },
    { name: 'scaled to zero', code: workload(gpuContainer(), '    replicas = 0\n') },
    {
      name: 'a StatefulSet replaces its pod before starting the new one',
      code: workload(gpuContainer(), '    replicas     = 1\n    service_name = "app"\n', 'kubernetes_stateful_set_v1'),
    },
    { name: 'more replicas than devices is another problem', code: workload(gpuContainer(), '    replicas = 2\n') },
    { name: 'ReadWriteMany claim', code: claim('ReadWriteMany', 'glusterfs-nfs') + workload(plain + claimVolume) },
    {
      name: 'ReadWriteOnce on NFS is not enforced across nodes',
      code: claim('ReadWriteOnce', 'glusterfs-nfs') + workload(plain + claimVolume),
    },
    {
      name: 'ReadWriteOnce on a node-local class keeps the new pod on its node',
      code: claim('ReadWriteOnce', 'local-path') + workload(plain + claimVolume),
    },
    {
      name: 'claim not declared in the module',
      code: workload(plain + claimVolume.replace('kubernetes_persistent_volume_claim_v1.data.metadata[0].name', '"shared-data"')),
    },
    { name: 'limits unknown', code: workload(gpuContainer('            limits = var.limits\n')) },
    {
      name: 'strategy type unknown',
      code: workload(gpuContainer(), '    replicas = 1\n    strategy {\n      type = var.strategy\n    }\n'),
    },
    {
      name: 'a shared resource claim is held by every pod at once',
      code: workload(
        plain +
          '        resource_claims {\n          name                = "gpu"\n          resource_claim_name = "shared-gpu"\n        }\n',
      ),
    },
    {
      name: 'no exclusive resource',
      code: workload(
        gpuContainer(
          '            limits = {\n              cpu    = "2"\n              memory = "4Gi"\n              "hugepages-2Mi" = "1Gi"\n            }\n',
        ),
      ),
    },
  ],
  invalid: [
    {
      name: 'GPU with the default strategy, unversioned Deployment without replicas',
      code: workload(gpuContainer(), '', 'kubernetes_deployment'),
      output: withRecreate(workload(gpuContainer(), '', 'kubernetes_deployment')),
      parsed: ['+resource.kubernetes_deployment.app.0.spec.0.strategy'],
      expected: [
        {
          messageId: 'stuck',
          line: 20,
          column: 15,
          message:
            'Deployment "app" has 1 replica(s) holding "nvidia.com/gpu", which no more than 1 pod(s) can hold at once, and rolls out with RollingUpdate: the new pod stays Pending while an old one holds it, and the rollout (and `terraform apply`) times out: set `strategy { type = "Recreate" }`',
        },
      ],
    },
    {
      name: 'host port with an explicit RollingUpdate',
      code: workload(
        '        container {\n          name  = "dns"\n          image = "pihole/pihole:2024.07.0"\n\n          port {\n            container_port = 53\n            host_port      = 53\n            protocol       = "UDP"\n          }\n        }\n',
        '    replicas = 1\n    strategy {\n      type = "RollingUpdate"\n    }\n',
      ),
      expected: [{ messageId: 'stuck', line: 24, column: 13 }],
      output: workload(
        '        container {\n          name  = "dns"\n          image = "pihole/pihole:2024.07.0"\n\n          port {\n            container_port = 53\n            host_port      = 53\n            protocol       = "UDP"\n          }\n        }\n',
        recreate,
      ),
      parsed: ['~resource.kubernetes_deployment_v1.app.0.spec.0.strategy.0.type'],
    },
    {
      name: 'ReadWriteOnce claim on a class the constitution does not know, replicas from a variable default',
      code: `variable "replicas" {\n  type    = number\n  default = 1\n}\n\n${claim('ReadWriteOnce', 'longhorn')}${workload(plain + claimVolume, '    replicas = var.replicas\n')}`,
      expected: [
        {
          messageId: 'stuck',
          line: 39,
          column: 13,
          message:
            'Deployment "app" has 1 replica(s) holding the ReadWriteOnce claim "app-data", which no more than 1 pod(s) can hold at once, and rolls out with RollingUpdate: the new pod stays Pending while an old one holds it, and the rollout (and `terraform apply`) times out: set `strategy { type = "Recreate" }`',
        },
      ],
    },
    {
      name: 'ReadWriteOncePod on any class',
      code: claim('ReadWriteOncePod', 'local-path') + workload(plain + claimVolume),
      expected: [{ messageId: 'stuck', line: 34, column: 13 }],
      output: claim('ReadWriteOncePod', 'local-path') + withRecreate(workload(plain + claimVolume)),
      parsed: ['+resource.kubernetes_deployment_v1.app.0.spec.0.strategy'],
    },
    {
      name: 'device from a resource claim template',
      code: workload(
        plain +
          '        resource_claims {\n          name                         = "gpu"\n          resource_claim_template_name = "single-gpu"\n        }\n',
      ),
      expected: [{ messageId: 'stuck', line: 21, column: 11 }],
    },
    {
      name: 'two GPUs per pod, two replicas, four GPUs',
      code: workload(gpuContainer('            limits = {\n              "nvidia.com/gpu" = "2"\n            }\n'), '    replicas = 2\n'),
      options: { devices: { 'nvidia.com/gpu': 4 } },
      expected: [
        {
          messageId: 'stuck',
          line: 21,
          column: 15,
          message:
            'Deployment "app" has 2 replica(s) holding "nvidia.com/gpu", which no more than 2 pod(s) can hold at once, and rolls out with RollingUpdate: the new pod stays Pending while an old one holds it, and the rollout (and `terraform apply`) times out: set `strategy { type = "Recreate" }`',
        },
      ],
    },
    {
      name: 'GPU held by an init container, second of two Deployments',
      code:
        workload(gpuContainer(), recreate, 'kubernetes_deployment_v1', 'trainer') +
        '\n' +
        workload(gpuContainer(undefined, 'init_container') + plain),
      expected: [{ messageId: 'stuck', line: 54, column: 15 }],
      output: withRecreate(
        workload(gpuContainer(), recreate, 'kubernetes_deployment_v1', 'trainer') +
          '\n' +
          workload(gpuContainer(undefined, 'init_container') + plain),
      ),
      parsed: ['+resource.kubernetes_deployment_v1.app.0.spec.0.strategy'],
    },
    {
      name: 'hand-written: a rolling update with a comment, an empty one-line strategy',
      code: MESSY,
      expected: [
        { messageId: 'stuck', line: 36, column: 13 },
        { messageId: 'stuck', line: 62, column: 13 },
      ],
      output: MESSY.replace(
        '      type = "RollingUpdate"\n\n      # one pod at a time\n      rolling_update {\n        max_surge       = 1\n        max_unavailable = 0\n      }\n',
        '      type = "Recreate"\n',
      ).replace('    strategy {}\n', '    strategy {\n      type = "Recreate"\n    }\n'),
      parsed: [
        '~resource.kubernetes_deployment.primary.0.spec.0.strategy.0.type',
        '-resource.kubernetes_deployment.primary.0.spec.0.strategy.0.rolling_update',
        '+resource.kubernetes_deployment_v1.secondary.0.spec.0.strategy.0.type',
      ],
    },
  ],
});
