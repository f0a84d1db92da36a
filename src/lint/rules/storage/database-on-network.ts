import { DATABASE_IMAGES, DATABASE_PATHS, databaseOf, type DatabaseImage } from '../../../terraform/k8s/databases';
import {
  classWhere,
  containersWithMounts,
  isWithin,
  mountNames,
  mountOfPath,
  oncePerRange,
  type Backing,
  type Mount,
} from '../../../terraform/k8s/storage';
import { createRule } from '../../rule';

const ID = 'storage/database-on-network';

type NetworkMount = Mount & { backing: Backing };

/** The network-backed mount holding a directory, or a network mount inside it (part of the data on the network). */
function networkMountOf(mounts: Mount[], dir: string): NetworkMount | undefined {
  const holder = mountOfPath(mounts, dir);
  const candidates = [...(holder ? [holder] : []), ...mounts.filter((m) => m.path !== dir && isWithin(m.path, dir))];
  return candidates.find((m): m is NetworkMount => m.backing?.network === true);
}

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  summary: 'No database data directory (PostgreSQL, MySQL, MongoDB, Redis, etcd, TSDBs...) on network or FUSE storage',
  messages: {
    image:
      '{{database}} keeps its data in {{path}}, on volume "{{volume}}", {{backing}}, which is network storage: a database needs local POSIX storage (locks, fsync, rename) and corrupts or stalls on NFS and FUSE: use {{alternative}} and replicate or back up at the database level',
    path: 'Volume "{{volume}}", {{backing}}, is mounted at {{path}}, the data directory of {{database}}, and is network storage: a database needs local POSIX storage (locks, fsync, rename) and corrupts or stalls on NFS and FUSE: use {{alternative}} and replicate or back up at the database level',
  },
  check({ module, constitution, report }) {
    const local = classWhere(constitution, (storage) => !storage.network);
    const alternative = local === undefined ? 'a node-local class' : `a node-local class such as "${local}"`;
    const images: DatabaseImage[] = [...constitution.databaseImages, ...DATABASE_IMAGES];
    const fresh = oncePerRange();
    for (const { container, mounts } of containersWithMounts(module, constitution)) {
      if (!mounts.some((m) => m.backing?.network)) continue;
      const address = container.workload.resource.address;
      const reported = new Set<Mount>();
      const database = databaseOf(container.block, images);
      for (const dir of database?.dirs ?? []) {
        const mount = networkMountOf(mounts, dir.path);
        // A TSDB on NFS is storage/tsdb-on-nfs's finding.
        if (!database || !mount || (database.entry.tsdb && mount.backing.nfs) || !fresh(dir.range)) continue;
        reported.add(mount);
        const data = {
          database: database.entry.database,
          path: dir.path,
          volume: mount.volume,
          backing: mount.backing.description,
          alternative,
        };
        report({
          messageId: 'image',
          data,
          range: dir.range,
          address,
          subjects: mountNames(module, mount),
          storageClass: mount.backing.className,
        });
      }
      // An image we do not know still tells by where it mounts its data.
      if (database) continue;
      for (const mount of mounts) {
        const known = DATABASE_PATHS.find((entry) => isWithin(mount.path, entry.path));
        if (!known || !mount.backing?.network || reported.has(mount)) continue;
        const network = mount as NetworkMount;
        if (!fresh(mount.attribute.range)) continue;
        const data = {
          database: known.database,
          path: mount.path,
          volume: mount.volume,
          backing: network.backing.description,
          alternative,
        };
        report({
          messageId: 'path',
          data,
          range: mount.attribute.range,
          address,
          subjects: mountNames(module, network),
          storageClass: network.backing.className,
        });
      }
    }
  },
});
