import { isExcepted } from '../../constitution';
import { sqliteDatabases } from '../../../terraform/k8s/sqlite';
import { mountData, mountNames, oncePerRange } from '../../../terraform/k8s/storage';
import { createRule } from '../../rule';

const ID = 'storage/sqlite-on-network';

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  summary: 'No SQLite database file on a network-backed volume (claim of a network class, hostPath under the GlusterFS root)',
  messages: {
    database:
      'SQLite database {{path}} is on volume "{{volume}}", {{backing}}, which is network storage: keep it on an emptyDir and replicate it with litestream',
    defaultDatabase:
      'Image "{{image}}" keeps a SQLite database under {{path}} unless {{env}} chooses another database, and {{path}} is on volume "{{volume}}", {{backing}}, which is network storage: mount an emptyDir there and replicate the database with litestream',
  },
  check({ module, constitution, report }) {
    const fresh = oncePerRange();
    for (const database of sqliteDatabases(module, constitution)) {
      const { mount, path, range, image } = database;
      if (!mount?.backing?.network) continue;
      if (isExcepted(constitution, ID, mountNames(module, mount), mount.backing.className) || !fresh(range)) continue;
      const data = mountData({ ...mount, backing: mount.backing }, path);
      const address = database.container.workload.resource.address;
      if (image) report({ messageId: 'defaultDatabase', data: { ...data, image: image.repository, env: image.unlessEnv }, range, address });
      else report({ messageId: 'database', data, range, address });
    }
  },
});
