import { defineService } from 'gen-modules';

/**
 * Mounts that say nothing about the node's own disks: pseudo filesystems,
 * container layers and volumes, and network or FUSE mounts (GlusterFS through
 * NFS-Ganesha or FUSE, NFS) whose statfs can hang when a brick is away.
 */
const excludedMountPoints = '^/(dev|proc|sys|run|var/lib/kubelet/.+|var/lib/rancher/k3s/agent/containerd/.+|storage/.+)($|/)';
const excludedFsTypes =
  '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fuse\\..*|fusectl|glusterfs|hugetlbfs|mqueue|nfs4?|nsfs|overlay|proc|pstore|rpc_pipefs|securityfs|squashfs|sysfs|tracefs)$';

export default defineService({
  name: 'node-exporter',
  description: 'Node Exporter: host metrics (CPU, memory, disks, network, filesystems) from every node.',
  workload: { kind: 'DaemonSet' },
  containers: [
    {
      name: 'node-exporter',
      image: { name: 'prom/node-exporter', tag: 'v1.8.2' },
      args: [
        '--path.procfs=/host/proc',
        '--path.sysfs=/host/sys',
        '--path.rootfs=/host/root',
        '--web.listen-address=:9100',
        `--collector.filesystem.mount-points-exclude=${excludedMountPoints}`,
        `--collector.filesystem.fs-types-exclude=${excludedFsTypes}`,
      ],
      ports: [{ name: 'metrics', containerPort: 9100 }],
      resources: {
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { cpu: '250m', memory: '128Mi' },
      },
      probes: {
        liveness: {
          http: { path: '/', port: 'metrics' },
          initialDelaySeconds: 10,
          periodSeconds: 15,
          timeoutSeconds: 5,
          failureThreshold: 3,
        },
        readiness: {
          http: { path: '/', port: 'metrics' },
          initialDelaySeconds: 5,
          periodSeconds: 10,
          timeoutSeconds: 5,
          failureThreshold: 3,
        },
      },
      volumeMounts: [
        { volume: 'proc', mountPath: '/host/proc', readOnly: true },
        { volume: 'sys', mountPath: '/host/sys', readOnly: true },
        // Mounts made on the host after start (new volumes) must show up too.
        { volume: 'root', mountPath: '/host/root', readOnly: true, mountPropagation: 'HostToContainer' },
      ],
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    },
  ],
  volumes: [
    { name: 'proc', hostPath: { path: '/proc' } },
    { name: 'sys', hostPath: { path: '/sys' } },
    { name: 'root', hostPath: { path: '/' } },
  ],
  securityContext: { runAsUser: 65534, runAsGroup: 65534, runAsNonRoot: true },
  scheduling: {
    // Every node, control plane included, on both architectures (the image is multi-arch).
    tolerations: [{ operator: 'Exists' }],
    hostNetwork: true,
    hostPID: true,
  },
  podAnnotations: {
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': '9100',
    'prometheus.io/job': 'node-exporter',
  },
});
