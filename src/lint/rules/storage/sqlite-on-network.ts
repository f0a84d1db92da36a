import { sqliteDatabases } from '../../../terraform/k8s/sqlite';
import { mountData, mountNames, oncePerRange } from '../../../terraform/k8s/storage';
import { createRule } from '../../rule';

const ID = 'storage/sqlite-on-network';

const messages = {
  database:
    'SQLite database {{path}} is on volume "{{volume}}", {{backing}}, which is network storage: keep it on an emptyDir and replicate it with litestream',
  defaultDatabase:
    'Image "{{image}}" keeps a SQLite database under {{path}} unless {{env}} chooses another database, and {{path}} is on volume "{{volume}}", {{backing}}, which is network storage: mount an emptyDir there and replicate the database with litestream',
};

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  summary: 'No SQLite database file on a network-backed volume (claim of a network class, hostPath under the GlusterFS root)',
  messages,
  check({ module, constitution, report }) {
    const fresh = oncePerRange();
    for (const database of sqliteDatabases(module, constitution)) {
      const { mount, path, range, image } = database;
      if (!mount?.backing?.network) continue;
      if (!fresh(range)) continue;
      const data = mountData({ ...mount, backing: mount.backing }, path);
      // A constitution exception names the mount's claim, volume or workload, and its class.
      const at = {
        range,
        address: database.container.workload.resource.address,
        subjects: mountNames(module, mount),
        storageClass: mount.backing.className,
      };
      if (image) report({ messageId: 'defaultDatabase', data: { ...data, image: image.repository, env: image.unlessEnv }, ...at });
      else report({ messageId: 'database', data, ...at });
    }
  },
});
