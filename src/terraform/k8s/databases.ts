/**
 * Where databases keep their data: data directories read from a container's
 * image, env and arguments (TSDB flags, `PGDATA`, `--datadir`...), and the
 * directories that only a database uses.
 */
import type { Range } from '../../hcl/syntax';
import type { Block } from '../types';
import { isWhollyKnown } from '../values';
import { attrString, attrValue } from './blocks';
import { containerImage } from './images';
import { normalisePath } from './storage';
import { containerStrings, envOf, type LocatedString } from './workloads';

/** A database image: where its data lives unless the env var or flag moves it. */
export interface DatabaseImage {
  /** Name without registry or tag, as `ImageName.repository`. */
  image: string;
  /** For messages: `PostgreSQL`. */
  database: string;
  dataPath?: string | undefined;
  dataEnv?: string | undefined;
  /** Flag without leading dashes. */
  dataFlag?: string | undefined;
  /** A time-series database (the TSDB rule has the NFS case). */
  tsdb?: boolean;
}

const postgres = (image: string, dataPath = '/var/lib/postgresql/data'): DatabaseImage => ({
  image,
  database: 'PostgreSQL',
  dataPath,
  dataEnv: 'PGDATA',
});
const mysql = (image: string, database: string, dataPath = '/var/lib/mysql'): DatabaseImage => ({
  image,
  database,
  dataPath,
  dataFlag: 'datadir',
});

/** Database images and their documented data directories (upstream facts; the constitution adds to them). */
export const DATABASE_IMAGES: readonly DatabaseImage[] = [
  postgres('postgres'),
  postgres('postgis/postgis'),
  postgres('pgvector/pgvector'),
  postgres('timescale/timescaledb'),
  postgres('timescale/timescaledb-ha', '/home/postgres/pgdata/data'),
  postgres('tensorchord/pgvecto-rs'),
  postgres('immich-app/postgres'),
  { image: 'bitnami/postgresql', database: 'PostgreSQL', dataPath: '/bitnami/postgresql/data', dataEnv: 'POSTGRESQL_DATA_DIR' },
  mysql('mysql', 'MySQL'),
  mysql('mariadb', 'MariaDB'),
  mysql('percona/percona-server', 'MySQL'),
  mysql('bitnami/mysql', 'MySQL', '/bitnami/mysql/data'),
  mysql('bitnami/mariadb', 'MariaDB', '/bitnami/mariadb/data'),
  mysql('linuxserver/mariadb', 'MariaDB', '/config'),
  { image: 'clickhouse/clickhouse-server', database: 'ClickHouse', dataPath: '/var/lib/clickhouse' },
  { image: 'yandex/clickhouse-server', database: 'ClickHouse', dataPath: '/var/lib/clickhouse' },
  { image: 'mongo', database: 'MongoDB', dataPath: '/data/db', dataFlag: 'dbpath' },
  { image: 'mongodb/mongodb-community-server', database: 'MongoDB', dataPath: '/data/db', dataFlag: 'dbpath' },
  { image: 'bitnami/mongodb', database: 'MongoDB', dataPath: '/bitnami/mongodb' },
  { image: 'elasticsearch', database: 'Elasticsearch', dataPath: '/usr/share/elasticsearch/data' },
  { image: 'elasticsearch/elasticsearch', database: 'Elasticsearch', dataPath: '/usr/share/elasticsearch/data' },
  { image: 'bitnami/elasticsearch', database: 'Elasticsearch', dataPath: '/bitnami/elasticsearch/data' },
  { image: 'opensearchproject/opensearch', database: 'OpenSearch', dataPath: '/usr/share/opensearch/data' },
  { image: 'redis', database: 'Redis', dataPath: '/data' },
  { image: 'redis/redis-stack-server', database: 'Redis', dataPath: '/data' },
  { image: 'bitnami/redis', database: 'Redis', dataPath: '/bitnami/redis/data' },
  { image: 'valkey/valkey', database: 'Valkey', dataPath: '/data' },
  { image: 'bitnami/valkey', database: 'Valkey', dataPath: '/bitnami/valkey/data' },
  { image: 'coreos/etcd', database: 'etcd', dataEnv: 'ETCD_DATA_DIR', dataFlag: 'data-dir' },
  { image: 'etcd', database: 'etcd', dataEnv: 'ETCD_DATA_DIR', dataFlag: 'data-dir' },
  { image: 'etcd-io/etcd', database: 'etcd', dataEnv: 'ETCD_DATA_DIR', dataFlag: 'data-dir' },
  { image: 'bitnami/etcd', database: 'etcd', dataPath: '/bitnami/etcd/data', dataEnv: 'ETCD_DATA_DIR', dataFlag: 'data-dir' },
  { image: 'prom/prometheus', database: 'Prometheus TSDB', dataPath: '/prometheus', dataFlag: 'storage.tsdb.path', tsdb: true },
  { image: 'prometheus/prometheus', database: 'Prometheus TSDB', dataPath: '/prometheus', dataFlag: 'storage.tsdb.path', tsdb: true },
  {
    image: 'victoriametrics/victoria-metrics',
    database: 'VictoriaMetrics TSDB',
    dataPath: '/victoria-metrics-data',
    dataFlag: 'storageDataPath',
    tsdb: true,
  },
  {
    image: 'victoriametrics/vmstorage',
    database: 'VictoriaMetrics TSDB',
    dataPath: '/vmstorage-data',
    dataFlag: 'storageDataPath',
    tsdb: true,
  },
];

/** Directories that only a database uses, whatever the image: a network volume mounted at or below one holds its data. */
export const DATABASE_PATHS: ReadonlyArray<{ path: string; database: string }> = [
  { path: '/var/lib/postgresql', database: 'PostgreSQL' },
  { path: '/bitnami/postgresql', database: 'PostgreSQL' },
  { path: '/var/lib/mysql', database: 'MySQL/MariaDB' },
  { path: '/bitnami/mysql', database: 'MySQL' },
  { path: '/bitnami/mariadb', database: 'MariaDB' },
  { path: '/var/lib/clickhouse', database: 'ClickHouse' },
  { path: '/data/db', database: 'MongoDB' },
  { path: '/bitnami/mongodb', database: 'MongoDB' },
  { path: '/usr/share/elasticsearch/data', database: 'Elasticsearch' },
  { path: '/bitnami/elasticsearch', database: 'Elasticsearch' },
  { path: '/usr/share/opensearch/data', database: 'OpenSearch' },
  { path: '/var/lib/etcd', database: 'etcd' },
  { path: '/bitnami/etcd', database: 'etcd' },
];

/** A data directory with where it is named (the env value, the argument, or the `image` for an image's default). */
export interface DataDir {
  path: string;
  range: Range;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface FlagPatterns {
  /** `--flag=/dir` or `--flag /dir` within one string. */
  inline: RegExp;
  /** The flag as a whole item, its value in the next one. */
  alone: RegExp;
}

/** Patterns by flag, compiled once. */
const flagPatterns = new Map<string, FlagPatterns>();

function patternsOf(flag: string): FlagPatterns {
  let patterns = flagPatterns.get(flag);
  if (patterns === undefined) {
    patterns = {
      inline: new RegExp(`(?:^|\\s)-{1,2}${escape(flag)}(?:=|\\s+)([^\\s'"]+)`, 'g'),
      alone: new RegExp(`^-{1,2}${escape(flag)}$`),
    };
    flagPatterns.set(flag, patterns);
  }
  return patterns;
}

/** `--flag=/dir`, `--flag /dir` inside one string (a shell line), or `--flag` followed by `/dir` as the next item. */
export function flagDirs(strings: LocatedString[], flags: readonly string[]): DataDir[] {
  const out: DataDir[] = [];
  for (const flag of flags) {
    const { inline, alone } = patternsOf(flag);
    strings.forEach((located, index) => {
      for (const match of located.text.matchAll(inline)) if (match[1]) out.push({ path: match[1], range: located.range });
      const next = strings[index + 1];
      if (alone.test(located.text.trim()) && located.list && next?.list === located.list && next.index === (located.index ?? 0) + 1) {
        out.push({ path: next.text, range: next.range });
      }
    });
  }
  return out.filter((dir) => dir.path.startsWith('/')).map((dir) => ({ ...dir, path: normalisePath(dir.path) }));
}

/** True when `command` and `args` are known in full (an unknown one may be a flag that moves the data). */
export function argumentsKnown(container: Block): boolean {
  return ['command', 'args'].every((name) => {
    const value = attrValue(container, name);
    return value === undefined || isWhollyKnown(value);
  });
}

/** True when an env var may be set where its name cannot be read: `env_from`, or an `env` whose name is unknown (`dynamic "env"`). */
export function envMayHide(container: Block): boolean {
  return container.blocks.some((b) => b.type === 'env_from' || (b.type === 'env' && attrString(b, 'name') === undefined));
}

/** The data directory of a database image: set by its env var or flag, else its documented default; none when that cannot be known. */
function imageDataDirs(container: Block, entry: DatabaseImage, imageRange: Range): DataDir[] {
  if (entry.dataEnv !== undefined) {
    const value = envOf(container).get(entry.dataEnv);
    if (value?.kind === 'string' && value.value.startsWith('/')) return [{ path: normalisePath(value.value), range: value.range }];
    if (value !== undefined || envMayHide(container)) return [];
  }
  if (entry.dataFlag !== undefined) {
    const dirs = flagDirs(containerStrings(container), [entry.dataFlag]);
    if (dirs.length > 0) return dirs;
  }
  if (entry.dataPath === undefined || !argumentsKnown(container)) return [];
  return [{ path: normalisePath(entry.dataPath), range: imageRange }];
}

/** True when the arguments turn off both of Redis's persistence modes (`--save ""` without `--appendonly yes`). */
export function persistenceOff(strings: LocatedString[]): boolean {
  let saveOff = false;
  let appendOnly = false;
  strings.forEach((located, index) => {
    const text = located.text.trim();
    const next = strings[index + 1];
    const nextText = next && next.list === located.list && next.index === (located.index ?? 0) + 1 ? next.text.trim() : undefined;
    if (
      /(^|\s)--save\s*(=\s*)?(""|'')(\s|$)/.test(text) ||
      (text === '--save' && (nextText === '' || nextText === '""' || nextText === "''"))
    )
      saveOff = true;
    if (/(^|\s)--appendonly\s+yes(\s|$)/.test(text) || (text === '--appendonly' && nextText === 'yes')) appendOnly = true;
  });
  return saveOff && !appendOnly;
}

/**
 * The database a container runs, by its image, with its data directories.
 * `images` are looked up in order (the constitution's before the built-in ones).
 */
export function databaseOf(container: Block, images: readonly DatabaseImage[]): { entry: DatabaseImage; dirs: DataDir[] } | undefined {
  const image = containerImage(container);
  const entry = image && images.find((candidate) => candidate.image === image.name.repository);
  if (!image || !entry) return undefined;
  if (persistenceOff(containerStrings(container))) return { entry, dirs: [] };
  return { entry, dirs: imageDataDirs(container, entry, image.attribute.range) };
}
