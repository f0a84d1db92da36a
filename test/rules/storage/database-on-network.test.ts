import rule from '../../../src/lint/rules/storage/database-on-network';
import { testRule } from '../../support/rule-tester';
import { claim, claimVolume, deployment, emptyDirVolume, hostPathVolume, mount } from './_fixtures';

/** A container; its `image` is on line 20 when it is the first block of the pod spec. */
const db = (image: string, body: string, name = 'db'): string => `        container {
          name  = "${name}"
          image = "${image}"
${body}        }
`;

const env = (name: string, value: string): string =>
  `          env {\n            name  = "${name}"\n            value = ${value}\n          }\n`;
const argsOf = (...items: string[]): string => `          args = [${items.join(', ')}]\n`;

const nfs = claim('data', 'db-data', 'glusterfs-nfs');
const on = (pvc: string, podSpec: string): string => `${deployment(podSpec)}\n${pvc}`;
const dataOn = (path: string): string => mount('data', path);

const REASON = 'a read-only replica of a dataset, rebuilt on start';

testRule(rule, {
  valid: [
    {
      name: 'PostgreSQL on local-path',
      code: on(
        claim('data', 'db-data', 'local-path'),
        db('postgres:16.4', dataOn('/var/lib/postgresql/data')) + claimVolume('data', 'data'),
      ),
    },
    {
      name: 'PGDATA moved to a local volume',
      code: on(
        nfs,
        db('postgres:16.4', env('PGDATA', '"/pgdata/data"') + dataOn('/var/lib/postgresql/data') + mount('pgdata', '/pgdata')) +
          claimVolume('data', 'data') +
          emptyDirVolume('pgdata'),
      ),
    },
    {
      name: 'PGDATA from a secret stays unknown',
      code: on(
        nfs,
        db(
          'postgres:16.4',
          '          env {\n            name = "PGDATA"\n            value_from {\n              config_map_key_ref {\n                name = "db"\n                key  = "pgdata"\n              }\n            }\n          }\n' +
            dataOn('/var/lib/postgresql/data'),
        ) + claimVolume('data', 'data'),
      ),
    },
    {
      name: 'env_from may set PGDATA',
      code: on(
        nfs,
        db(
          'postgres:16.4',
          '          env_from {\n            config_map_ref {\n              name = "db-env"\n            }\n          }\n' +
            dataOn('/var/lib/postgresql/data'),
        ) + claimVolume('data', 'data'),
      ),
    },
    {
      name: 'Redis without persistence',
      code: on(nfs, db('redis:7.4', argsOf('"--save"', '""', '"--appendonly"', '"no"') + dataOn('/data')) + claimVolume('data', 'data')),
    },
    {
      name: 'Prometheus on NFS is storage/tsdb-on-nfs’s finding',
      code: on(nfs, db('prom/prometheus:v2.54.1', dataOn('/prometheus')) + claimVolume('data', 'data')),
    },
    { name: 'an application using a generic /data', code: on(nfs, db('example/app:1.0', dataOn('/data')) + claimVolume('data', 'data')) },
    {
      name: 'arguments unknown may move the data',
      code: on(nfs, db('mongo:7.0', '          args = var.mongo_args\n' + dataOn('/data/db')) + claimVolume('data', 'data')),
    },
    {
      name: 'an exception with a reason',
      code: on(nfs, db('mongo:7.0', dataOn('/data/db')) + claimVolume('data', 'data')),
      constitution: { exceptions: [{ rule: 'storage/database-on-network', workload: 'db-data', class: 'glusterfs-nfs', reason: REASON }] },
    },
    {
      name: 'image name unknown, generic data path',
      code: on(nfs, db('${var.image}', dataOn('/data')).replace('"${var.image}"', 'var.image') + claimVolume('data', 'data')),
    },
    {
      name: 'claim on an unknown class',
      code: on(claim('data', 'db-data', 'ceph-rbd'), db('mysql:8.4', dataOn('/var/lib/mysql')) + claimVolume('data', 'data')),
    },
  ],
  invalid: [
    {
      name: 'PostgreSQL image default on NFS, unversioned Deployment',
      code: on(nfs, db('postgres:16.4', dataOn('/var/lib/postgresql')) + claimVolume('data', 'data')).replace(
        '"kubernetes_deployment_v1"',
        '"kubernetes_deployment"',
      ),
      expected: [
        {
          messageId: 'image',
          line: 20,
          column: 11,
          message:
            'PostgreSQL keeps its data in /var/lib/postgresql/data, on volume "data", claim "db-data" of class "glusterfs-nfs", which is network storage: a database needs local POSIX storage (locks, fsync, rename) and corrupts or stalls on NFS and FUSE: use a node-local class such as "local-path" and replicate or back up at the database level',
        },
      ],
    },
    {
      name: 'PGDATA named below the NFS mount',
      code: on(
        nfs,
        db('postgres:16.4', env('PGDATA', '"/var/lib/postgresql/data/pgdata"') + dataOn('/var/lib/postgresql/data')) +
          claimVolume('data', 'data'),
      ),
      expected: [{ messageId: 'image', line: 23, column: 21 }],
    },
    {
      name: 'MySQL --datadir on NFS',
      code: on(nfs, db('mysql:8.4', argsOf('"--datadir=/srv/mysql"') + dataOn('/srv')) + claimVolume('data', 'data')),
      expected: [{ messageId: 'image', line: 21, column: 19 }],
    },
    {
      name: 'Redis with append-only persistence',
      code: on(nfs, db('redis:7.4', argsOf('"--appendonly"', '"yes"') + dataOn('/data')) + claimVolume('data', 'data')),
      expected: [{ messageId: 'image', line: 20, column: 11 }],
    },
    {
      name: 'Prometheus TSDB on a FUSE class',
      code: on(
        claim('data', 'db-data', 'seaweedfs-storage'),
        db('prom/prometheus:v2.54.1', dataOn('/prometheus')) + claimVolume('data', 'data'),
      ),
      expected: [
        {
          messageId: 'image',
          line: 20,
          column: 11,
          message:
            'Prometheus TSDB keeps its data in /prometheus, on volume "data", claim "db-data" of class "seaweedfs-storage", which is network storage: a database needs local POSIX storage (locks, fsync, rename) and corrupts or stalls on NFS and FUSE: use a node-local class such as "local-path" and replicate or back up at the database level',
        },
      ],
    },
    {
      name: 'an unknown image mounting PostgreSQL’s data directory',
      code: on(nfs, db('ghcr.io/example/custom-postgres:16', dataOn('/var/lib/postgresql/data')) + claimVolume('data', 'data')),
      expected: [
        {
          messageId: 'path',
          line: 23,
          column: 13,
          message:
            'Volume "data", claim "db-data" of class "glusterfs-nfs", is mounted at /var/lib/postgresql/data, the data directory of PostgreSQL, and is network storage: a database needs local POSIX storage (locks, fsync, rename) and corrupts or stalls on NFS and FUSE: use a node-local class such as "local-path" and replicate or back up at the database level',
        },
      ],
    },
    {
      name: 'image name unknown, mounting MySQL’s data directory',
      code: on(nfs, db('${var.image}', dataOn('/var/lib/mysql')).replace('"${var.image}"', 'var.image') + claimVolume('data', 'data')),
      expected: [{ messageId: 'path', line: 23, column: 13 }],
    },
    {
      name: 'an image the constitution adds',
      code: on(nfs, db('example/kvstore:2.0', dataOn('/var/lib/kv')) + claimVolume('data', 'data')),
      constitution: { databaseImages: [{ image: 'example/kvstore', database: 'KVStore', dataPath: '/var/lib/kv' }] },
      expected: [{ messageId: 'image', line: 20, column: 11 }],
    },
    {
      name: 'MariaDB on a hostPath under the GlusterFS root, beside a second workload',
      code:
        deployment(db('mariadb:11.4', mount('data', '/var/lib/mysql')) + hostPathVolume('data', '/storage/v/glusterfs_mariadb_data')) +
        '\n' +
        deployment(
          db('nginx:1.27', mount('data', '/usr/share/nginx/html'), 'web') + hostPathVolume('data', '/storage/v/glusterfs_web'),
        ).replace('"app"', '"web"'),
      expected: [{ messageId: 'image', line: 20, column: 11 }],
    },
    {
      name: 'etcd data-dir through a variable default',
      code: `variable "data_dir" {\n  type    = string\n  default = "/var/lib/etcd-data"\n}\n\n${on(nfs, db('quay.io/coreos/etcd:v3.5.15', argsOf('"--data-dir"', 'var.data_dir') + dataOn('/var/lib/etcd-data')) + claimVolume('data', 'data'))}`,
      // The directory is written in the variable's default: reported where it is written.
      expected: [{ messageId: 'image', line: 3, column: 13 }],
    },
  ],
});
