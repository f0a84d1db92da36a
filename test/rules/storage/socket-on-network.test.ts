import rule from '../../../src/lint/rules/storage/socket-on-network';
import { testRule } from '../../support/rule-tester';
import { claim, claimVolume, deployment, emptyDirVolume, hostPathVolume, mount } from './_fixtures';

const container = (body: string): string => `        container {
          name  = "app"
          image = "ghcr.io/example/app:1.0"
${body}        }
`;

const shared = claim('data', 'app-data', 'glusterfs-nfs');
const onShared = (podSpec: string): string => `${deployment(podSpec)}\n${shared}`;

testRule(rule, {
  valid: [
    {
      name: 'socket on an emptyDir, data on the claim',
      code: onShared(
        container(`          args = ["--socket=/run/app/app.sock"]\n${mount('data', '/data')}${mount('run', '/run/app')}`) +
          claimVolume('data', 'data') +
          emptyDirVolume('run'),
      ),
    },
    {
      name: 'socket on a node-local claim',
      code: `${deployment(container(`          args = ["--socket=/data/app.sock"]\n${mount('data', '/data')}`) + claimVolume('data', 'data'))}\n${claim('data', 'app-data', 'local-path')}`,
    },
    {
      name: 'hostPath outside the GlusterFS root (the container runtime socket)',
      code: deployment(
        container(
          `          env {\n            name  = "DOCKER_HOST"\n            value = "unix:///var/run/docker.sock"\n          }\n${mount('docker', '/var/run/docker.sock')}`,
        ) + hostPathVolume('docker', '/var/run/docker.sock'),
      ),
    },
    {
      name: 'socket path from a variable without default',
      code: onShared(container(`          args = ["--socket", var.socket_path]\n${mount('data', '/data')}`) + claimVolume('data', 'data')),
    },
    {
      name: 'a path beside the mount, not inside it',
      code: onShared(
        container(`          args = ["--socket=/data-run/app.sock"]\n${mount('data', '/data')}`) + claimVolume('data', 'data'),
      ),
    },
    {
      name: 'socket named in the pod spec of a container that does not mount the claim',
      code: onShared(
        container(`          args = ["--socket=/data/app.sock"]\n${mount('run', '/data')}`) +
          `        container {
          name  = "backup"
          image = "restic/restic:0.17.0"
${mount('data', '/data')}        }
` +
          emptyDirVolume('run') +
          claimVolume('data', 'data'),
      ),
    },
    {
      name: 'socket file from a locals default path on an emptyDir',
      code: `locals {\n  socket = "/run/app/app.sock"\n}\n\n${deployment(container(`          args = ["--socket=\${local.socket}"]\n${mount('run', '/run/app')}`) + emptyDirVolume('run'))}`,
    },
  ],
  invalid: [
    {
      name: 'socket argument on the claim',
      code: onShared(container(`          args = ["--socket=/data/app.sock"]\n${mount('data', '/data')}`) + claimVolume('data', 'data')),
      expected: [
        {
          messageId: 'socket',
          line: 21,
          column: 19,
          message:
            'Unix socket /data/app.sock is on volume "data", claim "app-data" of class "glusterfs-nfs", which is network storage where sockets do not work: use TCP, or put the socket on an emptyDir (`medium = "Memory"`)',
        },
      ],
    },
    {
      name: 'unix URL in an env value on a hostPath under the GlusterFS root',
      code: deployment(
        container(
          `          env {\n            name  = "LISTEN"\n            value = "unix:///srv/app/app.sock"\n          }\n${mount('srv', '/srv/app')}`,
        ) + hostPathVolume('srv', '/storage/v/glusterfs_app_data'),
      ),
      expected: [{ messageId: 'socket', line: 23, column: 21 }],
    },
    {
      name: 'socket in a command of an init container',
      code: onShared(
        `        init_container {
          name    = "init"
          image   = "busybox:1.36"
          command = ["sh", "-c", "rm -f /data/app.sock"]
${mount('data', '/data')}        }
` +
          container(mount('data', '/data')) +
          claimVolume('data', 'data'),
      ),
      expected: [{ messageId: 'socket', line: 21, column: 34 }],
    },
    {
      name: 'socket path from a variable default',
      code: `variable "socket_path" {
  description = "Where the app listens"
  type        = string
  default     = "/data/app.sock"
}

${onShared(container(`          args = ["--socket", var.socket_path]\n${mount('data', '/data')}`) + claimVolume('data', 'data'))}`,
      expected: [{ messageId: 'socket', line: 4, column: 17 }],
    },
    {
      name: 'StatefulSet claim template of a network class',
      code: `resource "kubernetes_stateful_set_v1" "app" {
  metadata {
    name = "app"
  }

  spec {
    service_name = "app"

    template {
      metadata {
        labels = {
          app = "app"
        }
      }

      spec {
        container {
          name  = "app"
          image = "ghcr.io/example/app:1.0"
          args  = ["--control-socket=/var/lib/app/control.sock"]

          volume_mount {
            name       = "state"
            mount_path = "/var/lib/app"
          }
        }
      }
    }

    volume_claim_template {
      metadata {
        name = "state"
      }

      spec {
        storage_class_name = "glusterfs-nfs"
        access_modes       = ["ReadWriteOnce"]
      }
    }
  }
}
`,
      expected: [{ messageId: 'socket', line: 20, column: 20 }],
    },
  ],
});
