import { sqliteDatabases } from '../../../terraform/k8s/sqlite';
import { mountData, mountNames, oncePerRange } from '../../../terraform/k8s/storage';
import { createRule } from '../../rule';

const ID = 'storage/sqlite-on-network';

const messages = {
  database:
    'SQLite database {{path}} is on volume "{{volume}}", {{backing}}, which is network storage: keep it on an emptyDir and replicate it with litestream',
  defaultDatabase:
    'Image "{{image}}" keeps a SQLite database under {{path}} unless {{env}} chooses another database, and {{path}} is on volume "{{volume}}", {{backing}}, which is network storage: mount an emptyDir there and replicate the database with litestream',
  imageDatabase:
    'Image "{{image}}" keeps a SQLite database under {{path}}, and {{path}} is on volume "{{volume}}", {{backing}}, which is network storage: mount an emptyDir there and replicate the database with litestream',
  declaredDatabase:
    '{{env}} = "{{value}}" chooses a SQLite database, and every volume the container can write is network storage (volume "{{volume}}" at {{path}}, {{backing}}): keep the database on an emptyDir and replicate it with litestream',
};

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  summary:
    'No SQLite database file on a network-backed volume (claim of a network class, hostPath under the GlusterFS root), found by path, env or known image',
  messages,
  check({ module, constitution, report }) {
    const fresh = oncePerRange();
    for (const database of sqliteDatabases(module, constitution)) {
      const { mount, path, range, image, declared } = database;
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
      if (image?.unlessEnv !== undefined)
        report({ messageId: 'defaultDatabase', data: { ...data, image: image.repository, env: image.unlessEnv }, ...at });
      else if (image) report({ messageId: 'imageDatabase', data: { ...data, image: image.repository }, ...at });
      else if (declared) report({ messageId: 'declaredDatabase', data: { ...data, env: declared.env, value: declared.value }, ...at });
      else report({ messageId: 'database', data, ...at });
    }
  },
});
