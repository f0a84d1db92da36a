/**
 * SQLite databases the containers of a module keep, and the mount each lives on:
 * paths their env, args and mounted ConfigMaps name, the default database of
 * images known to keep one, and a database an env var chooses without naming
 * its file (`DB_TYPE=sqlite`).
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
  /** Images (name without registry or tag) known to keep state in SQLite, unless `unlessEnv` chooses another database. */
  sqliteDefaultImages: ReadonlyArray<{ image: string; dataPath: string; unlessEnv?: string | undefined }>;
  /** Env var names (`*` stands for any text) whose value `sqlite` or `sqlite3` chooses a SQLite database. */
  sqliteTypeEnvs: readonly string[];
  /** File name extensions of SQLite databases. */
  sqliteFileExtensions: readonly string[];
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
  /** For an image's default database: the image and the env var that would choose another database (none: always SQLite). */
  image?: { repository: string; unlessEnv: string | undefined };
  /** For a database an env var chooses without naming its file: the var and its value; the path is the mount's. */
  declared?: { env: string; value: string };
}

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

/** Does a path end in one of the configured SQLite file extensions? */
function isSqliteFile(facts: SqliteFacts, path: string): boolean {
  const lower = path.toLowerCase();
  return facts.sqliteFileExtensions.some((extension) => lower.endsWith(extension.toLowerCase()));
}

const envPatterns = new Map<string, RegExp>();

/** `*` in a configured env name stands for any text (each pattern compiled once). */
function envPattern(pattern: string): RegExp {
  let compiled = envPatterns.get(pattern);
  if (compiled === undefined) envPatterns.set(pattern, (compiled = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`)));
  return compiled;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first env var that chooses SQLite by a name of `sqliteTypeEnvs`, with its value. */
function sqliteTypeEnv(facts: SqliteFacts, container: Block): { name: string; value: Extract<LVal, { kind: 'string' }> } | undefined {
  const patterns = facts.sqliteTypeEnvs.map(envPattern);
  for (const [name, value] of envOf(container)) {
    if (value.kind === 'string' && SQLITE_TYPE.test(value.value) && patterns.some((pattern) => pattern.test(name))) return { name, value };
  }
  return undefined;
}

/** SQLite database files a string names: paths with a SQLite extension, the path of a `sqlite:` URL, a `<X>_PATH` for a SQLite `<X>_TYPE`. */
function sqlitePaths(facts: SqliteFacts, text: string, pathEnv: boolean): string[] {
  // Most strings name no SQLite file: looking for paths only where an extension appears at all.
  const lower = text.toLowerCase();
  const named = facts.sqliteFileExtensions.some((extension) => lower.includes(extension.toLowerCase()));
  const paths = named ? absolutePaths(text).filter((path) => isSqliteFile(facts, path)) : [];
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
function explicitDatabases(facts: SqliteFacts, container: ContainerRef, mounts: Mount[]): SqliteDatabase[] {
  const pathEnvs = sqlitePathEnvs(container.block);
  return containerStrings(container.block).flatMap((located) =>
    sqlitePaths(facts, located.text, located.envName !== undefined && pathEnvs.has(located.envName)).map((path) => ({
      container,
      path,
      range: located.range,
      mount: mountOfPath(mounts, path),
    })),
  );
}

interface KnownImage {
  image: NonNullable<ReturnType<typeof containerImage>>;
  known: SqliteFacts['sqliteDefaultImages'][number];
}

/** The image of a container and its entry among the images known to keep a SQLite database, when it is one. */
function knownImage(facts: SqliteFacts, container: ContainerRef): KnownImage | undefined {
  const image = containerImage(container.block);
  const known = image && facts.sqliteDefaultImages.find((entry) => entry.image === image.name.repository);
  return image && known ? { image, known } : undefined;
}

/** The database of an image that keeps one by default, unless its env chooses another (or may, where it cannot be read). */
function defaultDatabase(container: ContainerRef, mounts: Mount[], { image, known }: KnownImage): SqliteDatabase | undefined {
  if (known.unlessEnv !== undefined) {
    const chosen = envOf(container.block).get(known.unlessEnv);
    // Another database chosen, or a choice we cannot read (value_from, env_from): not SQLite as far as we know.
    if (chosen !== undefined && !(chosen.kind === 'string' && MENTIONS_SQLITE.test(chosen.value))) return undefined;
    if (chosen === undefined && envMayHide(container.block)) return undefined;
  }
  const path = normalisePath(known.dataPath);
  return {
    container,
    path,
    range: image.attribute.range,
    mount: mountOfPath(mounts, path),
    image: { repository: image.name.repository, unlessEnv: known.unlessEnv },
  };
}

/** Volumes a container can write to: mounts not read-only, of volumes that are not ConfigMaps, Secrets or projections. */
function writableMounts(mounts: Mount[]): Mount[] {
  const readOnlyKinds = ['config_map', 'secret', 'projected', 'downward_api'];
  return mounts.filter((m) => !m.readOnly && !readOnlyKinds.some((kind) => m.volumeBlock?.blocks.some((b) => b.type === kind)));
}

/**
 * An env var chooses SQLite (`DB_TYPE=sqlite`) but names no file: the database is
 * somewhere the container writes. Known only when every volume it can write is
 * network storage, so no guess is needed about which; the first stands for them.
 */
function declaredDatabase(facts: SqliteFacts, container: ContainerRef, mounts: Mount[]): SqliteDatabase | undefined {
  const declared = sqliteTypeEnv(facts, container.block);
  if (!declared) return undefined;
  const writable = writableMounts(mounts);
  const [first] = writable;
  if (!first?.backing?.network || !writable.every((m) => m.backing?.network)) return undefined;
  return {
    container,
    path: first.path,
    range: declared.value.range,
    mount: first,
    declared: { env: declared.name, value: declared.value.value },
  };
}

/** Database paths written in the ConfigMaps the container mounts (e.g. a litestream.yml). */
function configMapDatabases(module: TfModule, facts: SqliteFacts, container: ContainerRef, mounts: Mount[]): SqliteDatabase[] {
  const out: SqliteDatabase[] = [];
  for (const mount of mounts) {
    const data = configMapOfVolume(module, mount.volumeBlock)?.block.attributes['data']?.value();
    if (!data) continue;
    for (const leaf of stringLeaves(data))
      for (const path of sqlitePaths(facts, leaf.value, false))
        out.push({ container, path, range: leaf.range, mount: mountOfPath(mounts, path) });
  }
  return out;
}

/**
 * Every SQLite database of the module's containers: named ones, else the known
 * image's default, else one an env var chooses; then those of mounted ConfigMaps.
 */
export function sqliteDatabases(module: TfModule, facts: SqliteFacts): SqliteDatabase[] {
  return containersWithMounts(module, facts).flatMap(({ container, mounts }) => {
    const explicit = explicitDatabases(facts, container, mounts);
    const image = explicit.length === 0 ? knownImage(facts, container) : undefined;
    const implicit =
      explicit.length > 0 ? undefined : image ? defaultDatabase(container, mounts, image) : declaredDatabase(facts, container, mounts);
    return [...explicit, ...(implicit ? [implicit] : []), ...configMapDatabases(module, facts, container, mounts)];
  });
}

/** True when the mount is a volume of the claim: a pod volume on the PVC, or the StatefulSet's claim template itself. */
export function mountsClaim(module: TfModule, mount: Mount, claim: Claim): boolean {
  if (claim.template)
    return mount.volumeBlock === undefined && mount.container.workload.resource === claim.resource && mount.volume === claim.name;
  return mount.volumeBlock !== undefined && claimOfVolume(module, mount.volumeBlock) === (claim.resource as Resource | undefined);
}
