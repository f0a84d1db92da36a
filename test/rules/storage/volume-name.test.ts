import rule from '../../../src/lint/rules/storage/volume-name';
import { testRule } from '../../support/rule-tester';

const head = `locals {
  app_name = "grafana"
}

`;

const claim = (annotations: string, cls = '"glusterfs-nfs"'): string => `${head}resource "kubernetes_persistent_volume_claim_v1" "plugins" {
  metadata {
    name      = "\${local.app_name}-plugins"
    namespace = var.namespace
${annotations}  }

  spec {
    storage_class_name = ${cls}
    access_modes       = ["ReadWriteMany"]

    resources {
      requests = {
        storage = "1Gi"
      }
    }
  }
}
`;

const annotated = (value: string): string => `    annotations = {
      volume-name = ${value}
    }
`;

/** A media module running two servers, each a Deployment with its own `app` label and claim. */
const media = (jellyfinVolume: string, plexVolume: string): string => {
  const app = (
    resource: string,
    name: string,
    volume: string,
  ): string => `resource "kubernetes_persistent_volume_claim_v1" "${resource}_config" {
  metadata {
    name = "${name}-config"
    annotations = {
      volume-name = "${volume}"
    }
  }

  spec {
    storage_class_name = "glusterfs-nfs"
    access_modes       = ["ReadWriteMany"]
  }
}

resource "kubernetes_deployment_v1" "${resource}" {
  metadata {
    name = "${name}"
  }

  spec {
    template {
      metadata {
        labels = { app = "${name}" }
      }

      spec {
        container {
          name  = "${name}"
          image = "${name}/${name}:latest"
        }
      }
    }
  }
}
`;
  return `${app('jellyfin', 'jellyfin', jellyfinVolume)}\n${app('plex', 'plex-server', plexVolume)}`;
};

testRule(rule, {
  valid: [
    {
      name: 'a module of several apps names volumes after each workload',
      files: { 'media/main.tf': media('jellyfin_config', 'plex_server_config') },
    },
    {
      name: 'annotations merged with a map of unknown keys may hold volume-name',
      code: claim('    annotations = merge({ owner = "grafana" }, var.annotations)\n'),
    },
    { name: 'service_type from local.app_name', code: claim(annotated('"grafana_plugins"')) },
    { name: 'built from local.app_name', code: claim(annotated('"${local.app_name}_plugins"')) },
    {
      name: 'service from the module folder',
      files: { 'modules-k8s/node-exporter/main.tf': claim(annotated('"node_exporter_textfiles"')).replace(head, '') },
    },
    { name: 'another class needs no annotation', code: claim('', '"local-path"') },
    { name: 'annotation from an unknown value', code: claim(annotated('var.volume_name')) },
    { name: 'annotations map unknown', code: claim('    annotations = var.annotations\n') },
    { name: 'class unknown', code: claim('', 'var.storage_class') },
    {
      name: 'another annotation key configured',
      code: claim('    annotations = {\n      "storage/volume" = "grafana_plugins"\n    }\n'),
      options: { annotation: 'storage/volume' },
    },
    {
      name: 'StatefulSet claim template with the annotation',
      code: `${head}resource "kubernetes_stateful_set_v1" "grafana" {
  metadata {
    name = local.app_name
  }

  spec {
    service_name = local.app_name

    template {
      metadata {
        labels = {
          app = local.app_name
        }
      }

      spec {
        container {
          name  = "grafana"
          image = "grafana/grafana:11.4.0"
        }
      }
    }

    dynamic "volume_claim_template" {
      for_each = var.volumes
      content {
        metadata {
          name = volume_claim_template.key
          annotations = {
            volume-name = "grafana_\${volume_claim_template.key}"
          }
        }

        spec {
          storage_class_name = "glusterfs-nfs"
          access_modes       = ["ReadWriteOnce"]
        }
      }
    }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a volume of a multi-app module named after no app',
      files: { 'media/main.tf': media('jellyfin_config', 'emby_config') },
      expected: [
        {
          messageId: 'pattern',
          file: 'media/main.tf',
          line: 40,
          column: 21,
          message:
            'Volume name "emby_config" is not `<service>_<type>` for a service of this module (media, jellyfin, plex, plex_server): use e.g. "plex_server_config"',
        },
      ],
    },
    {
      name: 'a certain volume-name beside a map of unknown keys is still judged',
      code: claim('    annotations = merge(var.annotations, { volume-name = "plugins" })\n'),
      expected: [{ messageId: 'pattern', line: 9, column: 58 }],
    },
    {
      name: 'no annotations at all',
      code: claim(''),
      expected: [
        {
          messageId: 'missing',
          line: 6,
          column: 3,
          message:
            'Claim "grafana-plugins" on class "glusterfs-nfs" has no "volume-name" annotation: add `"volume-name" = "grafana_plugins"` to its metadata annotations',
        },
      ],
    },
    {
      name: 'annotations without volume-name',
      code: claim('    annotations = {\n      owner = "grafana"\n    }\n'),
      expected: [{ messageId: 'missing', line: 9, column: 5 }],
    },
    {
      name: 'repeats the glusterfs_ prefix',
      code: claim(annotated('"glusterfs_grafana_plugins"')),
      expected: [{ messageId: 'prefixed', line: 10, column: 21, endColumn: 48 }],
    },
    {
      name: 'not starting with the service',
      code: claim(annotated('"plugins"')),
      expected: [{ messageId: 'pattern', line: 10, column: 21 }],
    },
    { name: 'service only, no type', code: claim(annotated('"grafana_"')), expected: [{ messageId: 'pattern', line: 10, column: 21 }] },
    {
      name: 'value from a local, reported where it is written',
      code: claim(annotated('local.volume_name')).replace(
        '  app_name = "grafana"\n',
        '  app_name    = "grafana"\n  volume_name = "grafana-plugins"\n',
      ),
      expected: [{ messageId: 'pattern', line: 3, column: 17 }],
    },
    {
      name: 'another prefix configured',
      code: claim(annotated('"ceph_grafana_plugins"')),
      constitution: { volumePrefix: 'ceph_' },
      expected: [{ messageId: 'prefixed', line: 10, column: 21 }],
    },
    {
      name: 'module folder as the service, hyphens as underscores',
      files: { 'modules-k8s/node-exporter/main.tf': claim(annotated('"node-exporter_textfiles"')).replace(head, '') },
      expected: [{ messageId: 'pattern', file: 'modules-k8s/node-exporter/main.tf', line: 6, column: 21 }],
    },
  ],
});
