import { containerStrings } from '../../../terraform/k8s/workloads';
import { createRule } from '../../rule';
import { absolutePaths, containersWithMounts, mountData, mountNames, networkMountOf } from '../../../terraform/k8s/storage';

const ID = 'storage/socket-on-network';

const SOCKET = /\.sock$/;

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  summary: 'No Unix socket (`*.sock`) on a network-backed volume mount',
  messages: {
    socket:
      'Unix socket {{path}} is on volume "{{volume}}", {{backing}}, which is network storage where sockets do not work: use TCP, or put the socket on an emptyDir (`medium = "Memory"`)',
  },
  check({ module, constitution, report }) {
    for (const { container, mounts } of containersWithMounts(module, constitution)) {
      if (!mounts.some((m) => m.backing?.network)) continue;
      for (const located of containerStrings(container.block)) {
        for (const path of new Set(absolutePaths(located.text).filter((p) => SOCKET.test(p)))) {
          const mount = networkMountOf(mounts, path);
          if (!mount) continue;
          report({
            messageId: 'socket',
            data: mountData(mount, path),
            range: located.range,
            address: container.workload.resource.address,
            subjects: mountNames(module, mount),
            storageClass: mount.backing.className,
          });
        }
      }
    }
  },
});
