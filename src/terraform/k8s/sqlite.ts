/**
 * SQLite databases the containers of a module keep, and the mount each lives on:
 * paths their env, args and mounted ConfigMaps name, and the default database
 * of images known to keep one.
 */
import type { Range } from '../../hcl/syntax';
import type { Block, LVal, Resource, TfModule } from '../types';
import { attrString } from './blocks';
import { containerImage } from './images';
import {
  absolutePaths,
  claimOfVolume,
  configMapOfVolume,
  containersWithMounts,
  mountOfPath,
  normalisePath,
  type Claim,
  type Mount,
  type StorageFacts,
} from './storage';
import { containerStrings, envOf, type ContainerRef } from './workloads';

export interface SqliteFacts extends StorageFacts {
  /** Images (name without registry or tag) known to keep state in SQLite unless told otherwise. */
  sqliteDefaultImages: ReadonlyArray<{ image: string; dataPath: string; unlessEnv: string }>;
}

/** A SQLite database file a container uses. */
export interface SqliteDatabase {
  container: ContainerRef;
  /** Normalised path of the file (or, for an image's default, of its data directory). */
  path: string;
  /** Where the path is written: an env value, an argument, a ConfigMap entry, or the image. */
  range: Range;
  /** The mount the path lives on, if any. */
  mount: Mount | undefined;
  /** For an image's default database: the image and the env var that would choose another database. */
  image?: { repository: string; unlessEnv: string };
}

const SQLITE_FILE = /\.(db|sqlite3?)$/i;
const SQLITE_URL = /sqlite3?:/i;
const SQLITE_TYPE = /^sqlite3?$/i;
const MENTIONS_SQLITE = /sqlite/i;

/**
 * Env vars that hold a database path because a sibling `<X>_TYPE` says SQLite
 * (`GF_DATABASE_TYPE=sqlite3` makes `GF_DATABASE_PATH` a database file).
 */
function sqlitePathEnvs(container: Block): Set<string> {
  const out = new Set<string>();
  for (const [name, value] of envOf(container)) {
    if (name.endsWith('_TYPE') && value.kind === 'string' && SQLITE_TYPE.test(value.value))
      out.add(`${name.slice(0, -'_TYPE'.length)}_PATH`);
  }
  return out;
}

/** SQLite database files a string names: `*.db`/`*.sqlite*` paths, the path of a `sqlite:` URL, a `<X>_PATH` for a SQLite `<X>_TYPE`. */
function sqlitePaths(text: string, pathEnv: boolean): string[] {
  const paths = absolutePaths(text).filter((path) => SQLITE_FILE.test(path));
  const url = SQLITE_URL.exec(text);
  if (url) paths.push(...absolutePaths(text.slice(url.index + url[0].length)).slice(0, 1));
  if (pathEnv && text.startsWith('/')) paths.push(normalisePath(text));
  return [...new Set(paths)];
}

/** Every string leaf of a value, inside `yamlencode`/`jsonencode` bodies too. */
function stringLeaves(value: LVal): Array<Extract<LVal, { kind: 'string' }>> {
  switch (value.kind) {
    case 'string':
      return value.encodedFrom ? stringLeaves(value.encodedFrom) : [value];
    case 'tuple':
      return value.items.flatMap(stringLeaves);
    case 'object':
      return value.entries.flatMap((entry) => stringLeaves(entry.value));
    default:
      return [];
  }
}

/** True when an env var may be set where we cannot read its name: `env_from`, or an `env` whose name is unknown (`dynamic "env"`). */
function envMayHide(container: Block): boolean {
  return container.blocks.some((b) => b.type === 'env_from' || (b.type === 'env' && attrString(b, 'name') === undefined));
}

/** Databases named in env values, args and command. */
function explicitDatabases(container: ContainerRef, mounts: Mount[]): SqliteDatabase[] {
  const pathEnvs = sqlitePathEnvs(container.block);
  return containerStrings(container.block).flatMap((located) =>
    sqlitePaths(located.text, located.envName !== undefined && pathEnvs.has(located.envName)).map((path) => ({
      container,
      path,
      range: located.range,
      mount: mountOfPath(mounts, path),
    })),
  );
}

/** The database of an image that keeps one by default, unless its env chooses another (or may, where it cannot be read). */
function defaultDatabase(facts: SqliteFacts, container: ContainerRef, mounts: Mount[]): SqliteDatabase | undefined {
  const image = containerImage(container.block);
  const known = image && facts.sqliteDefaultImages.find((entry) => entry.image === image.name.repository);
  if (!image || !known) return undefined;
  const chosen = envOf(container.block).get(known.unlessEnv);
  if (chosen !== undefined && !(chosen.kind === 'string' && MENTIONS_SQLITE.test(chosen.value))) return undefined;
  if (chosen === undefined && envMayHide(container.block)) return undefined;
  const path = normalisePath(known.dataPath);
  return {
    container,
    path,
    range: image.attribute.range,
    mount: mountOfPath(mounts, path),
    image: { repository: image.name.repository, unlessEnv: known.unlessEnv },
  };
}

/** Database paths written in the ConfigMaps the container mounts (e.g. a litestream.yml). */
function configMapDatabases(module: TfModule, container: ContainerRef, mounts: Mount[]): SqliteDatabase[] {
  const out: SqliteDatabase[] = [];
  for (const mount of mounts) {
    const data = configMapOfVolume(module, mount.volumeBlock)?.block.attributes['data']?.value();
    if (!data) continue;
    for (const leaf of stringLeaves(data))
      for (const path of sqlitePaths(leaf.value, false)) out.push({ container, path, range: leaf.range, mount: mountOfPath(mounts, path) });
  }
  return out;
}

/** Every SQLite database of the module's containers: named ones, else the image's default, then those of mounted ConfigMaps. */
export function sqliteDatabases(module: TfModule, facts: SqliteFacts): SqliteDatabase[] {
  return containersWithMounts(module, facts).flatMap(({ container, mounts }) => {
    const explicit = explicitDatabases(container, mounts);
    const byDefault = explicit.length === 0 ? defaultDatabase(facts, container, mounts) : undefined;
    return [...explicit, ...(byDefault ? [byDefault] : []), ...configMapDatabases(module, container, mounts)];
  });
}

/** True when the mount is a volume of the claim: a pod volume on the PVC, or the StatefulSet's claim template itself. */
export function mountsClaim(module: TfModule, mount: Mount, claim: Claim): boolean {
  if (claim.template)
    return mount.volumeBlock === undefined && mount.container.workload.resource === claim.resource && mount.volume === claim.name;
  return mount.volumeBlock !== undefined && claimOfVolume(module, mount.volumeBlock) === (claim.resource as Resource | undefined);
}
