import rule from '../../../src/lint/rules/storage/nfs-mount-options';
import { testRule } from '../../support/rule-tester';
import { deployment, mount } from './_fixtures';

const nfsVolume = (name: string, readOnly = false): string => `        volume {
          name = "${name}"

          nfs {
            server = "10.0.0.5"
            path   = "/export/media"
${readOnly ? '            read_only = true\n' : ''}          }
        }
`;

const app = `        container {
          name  = "app"
          image = "example/app:1.0"
${mount('media', '/media')}        }
`;

const pv = (
  options: string | undefined,
  type = 'kubernetes_persistent_volume_v1',
  source = '      nfs {\n        server = "nas.lan"\n        path   = "/export/media"\n      }\n',
): string => `resource "${type}" "media" {
  metadata {
    name = "media"
  }

  spec {
    capacity = {
      storage = "100Gi"
    }
    access_modes       = ["ReadWriteMany"]
    storage_class_name = "manual"
${options === undefined ? '' : `    mount_options      = ${options}\n`}
    persistent_volume_source {
${source}    }
  }
}
`;

const storageClassOf = (
  name: string,
  provisioner: string,
  options?: string,
  type = 'kubernetes_storage_class_v1',
): string => `resource "${type}" "nfs" {
  metadata {
    name = "${name}"
  }

  storage_provisioner = "${provisioner}"
  reclaim_policy      = "Retain"
${options === undefined ? '' : `  mount_options       = ${options}\n`}}
`;

const SOFT = '["soft", "timeo=30", "retrans=3"]';

testRule(rule, {
  valid: [
    { name: 'PersistentVolume with soft', code: pv(SOFT) },
    { name: 'soft and other options in one item', code: pv('["nfsvers=4.1,soft,timeo=30"]') },
    { name: 'an option from a variable may be soft', code: pv('["timeo=30", var.nfs_mode]') },
    { name: 'options unknown as a whole', code: pv('var.mount_options') },
    { name: 'NFS CSI class with soft', code: storageClassOf('nfs-csi', 'nfs.csi.k8s.io', SOFT) },
    { name: 'a class that is not NFS', code: storageClassOf('fast', 'rancher.io/local-path') },
    { name: 'provisioner from a variable stays unknown', code: storageClassOf('shared', 'x').replace('"x"', 'var.provisioner') },
    {
      name: 'a PersistentVolume that is not NFS',
      code: pv(undefined, 'kubernetes_persistent_volume', '      host_path {\n        path = "/srv/media"\n      }\n'),
    },
    {
      name: 'pod volumes through a claim',
      code: deployment(
        app +
          '        volume {\n          name = "media"\n\n          persistent_volume_claim {\n            claim_name = "media"\n          }\n        }\n',
      ),
    },
    {
      name: 'a deliberate hard mount with an exception',
      code: pv('["hard", "timeo=600"]'),
      constitution: {
        exceptions: [
          { rule: 'storage/nfs-mount-options', workload: 'media', reason: 'the NAS is the only writer and must not lose writes' },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'inline NFS pod volume',
      code: deployment(app + nfsVolume('media')),
      expected: [
        {
          messageId: 'inline',
          line: 29,
          column: 11,
          message:
            'Volume "media" mounts the NFS export 10.0.0.5:/export/media inline, which takes no mount options, so it is mounted `hard`: when the server goes away every process touching it hangs and the node needs a reboot: use a PersistentVolume with `mount_options = ["soft", "timeo=30", "retrans=3"]` and a claim bound to it',
        },
      ],
    },
    {
      name: 'inline read-only NFS volume in a second, unversioned Deployment',
      code:
        deployment(app) +
        '\n' +
        deployment(app + nfsVolume('media', true))
          .replace(/"app"/g, '"worker"')
          .replace('"kubernetes_deployment_v1" "worker"', '"kubernetes_deployment" "worker"'),
      expected: [
        {
          messageId: 'inline',
          line: 59,
          column: 11,
          message:
            'Volume "media" mounts the NFS export 10.0.0.5:/export/media inline, which takes no mount options, so it is mounted `hard`: when the server goes away every process touching it hangs and the node needs a reboot: use a PersistentVolume with `mount_options = ["soft", "timeo=30", "retrans=3", "ro"]` and a claim bound to it',
        },
      ],
    },
    {
      name: 'NFS PersistentVolume without options',
      code: pv(undefined),
      expected: [{ messageId: 'volume', line: 14, column: 7 }],
    },
    {
      name: 'unversioned NFS PersistentVolume with hard options',
      code: pv('["hard", "nfsvers=4.1"]', 'kubernetes_persistent_volume'),
      expected: [{ messageId: 'volume', line: 12, column: 5 }],
    },
    {
      name: 'soft overridden by a later hard',
      code: pv('["soft", "hard"]'),
      expected: [{ messageId: 'volume', line: 12, column: 5 }],
    },
    {
      name: 'NFS CSI PersistentVolume without soft',
      code: pv(
        '["nfsvers=4.1"]',
        'kubernetes_persistent_volume_v1',
        '      csi {\n        driver        = "nfs.csi.k8s.io"\n        volume_handle = "nas.lan/export/media"\n      }\n',
      ),
      expected: [{ messageId: 'volume', line: 12, column: 5 }],
    },
    {
      name: 'nfs-subdir provisioner class without options',
      code: storageClassOf('nfs-client', 'k8s-sigs.io/nfs-subdir-external-provisioner'),
      expected: [
        {
          messageId: 'storageClass',
          line: 6,
          column: 3,
          message:
            'StorageClass "nfs-client" provisions NFS volumes without the `soft` mount option, so they are mounted `hard`: when the server goes away every process touching them hangs and the node needs a reboot: set `mount_options = ["soft", "timeo=30", "retrans=3"]` (a deliberate hard mount takes a constitution exception with its reason)',
        },
      ],
    },
    {
      name: 'glusterfs-nfs is NFS by the constitution, whatever its provisioner',
      code: storageClassOf('glusterfs-nfs', 'cluster.local/glusterfs-provisioner', '["vers=3"]', 'kubernetes_storage_class'),
      expected: [{ messageId: 'storageClass', line: 8, column: 3 }],
    },
    {
      name: 'an exception for another rule does not count',
      code: pv(undefined).replace('"media"', '"media-archive"'),
      constitution: { exceptions: [{ rule: 'storage/persistent-class', workload: 'media-archive', reason: 'archive' }] },
      expected: [{ messageId: 'volume', line: 14, column: 7 }],
    },
  ],
});
