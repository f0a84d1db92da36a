import { attrString } from '../../../terraform/k8s/blocks';
import { containerImage } from '../../../terraform/k8s/images';
import { configMapOfVolume, normalisePath } from '../../../terraform/k8s/storage';
import { containerStrings, envOf, type ContainerRef } from '../../../terraform/k8s/workloads';
import { createRule, type RuleContext, type ReportDescriptor } from '../../rule';
import type { Range } from '../../../hcl/syntax';
import type { Block, LVal } from '../../../terraform/types';
import {
  absolutePaths,
  containersWithMounts,
  mountData,
  mountNames,
  networkMountOf,
  oncePerRange,
  type Mount,
} from '../../../terraform/k8s/storage';

const ID = 'storage/sqlite-on-network';

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

type Check = Pick<RuleContext<Record<string, never>>, 'module' | 'constitution'> & {
  report: (d: ReportDescriptor<MessageId>) => void;
  fresh: (range: Range) => boolean;
};

/** Report a database path if it lives on a network-backed mount of the container. */
function checkPath(check: Check, mounts: Mount[], path: string, range: Range, container: ContainerRef): void {
  const mount = networkMountOf(mounts, path);
  if (!mount) return;
  if (!check.fresh(range)) return;
  check.report({
    messageId: 'database',
    data: mountData(mount, path),
    range,
    address: container.workload.resource.address,
    ...exceptionSubjects(check, mount),
  });
}

/** Paths in env values, args and command; returns whether the container names any database explicitly. */
function checkExplicit(check: Check, container: ContainerRef, mounts: Mount[]): boolean {
  const pathEnvs = sqlitePathEnvs(container.block);
  let named = false;
  for (const located of containerStrings(container.block)) {
    for (const path of sqlitePaths(located.text, located.envName !== undefined && pathEnvs.has(located.envName))) {
      named = true;
      checkPath(check, mounts, path, located.range, container);
    }
  }
  return named;
}

/** True when an env var may be set where we cannot read its name: `env_from`, or an `env` whose name is unknown (`dynamic "env"`). */
function envMayHide(container: Block): boolean {
  return container.blocks.some((b) => b.type === 'env_from' || (b.type === 'env' && attrString(b, 'name') === undefined));
}

/** Images that keep a SQLite database by default, unless their env says otherwise. */
function checkDefaultImage(check: Check, container: ContainerRef, mounts: Mount[]): void {
  const image = containerImage(container.block);
  const known = image && check.constitution.sqliteDefaultImages.find((entry) => entry.image === image.name.repository);
  if (!image || !known) return;
  const env = envOf(container.block);
  const chosen = env.get(known.unlessEnv);
  // Another database chosen, or a choice we cannot read (value_from, env_from): not SQLite as far as we know.
  if (chosen !== undefined && !(chosen.kind === 'string' && MENTIONS_SQLITE.test(chosen.value))) return;
  if (chosen === undefined && envMayHide(container.block)) return;
  const path = normalisePath(known.dataPath);
  const mount = networkMountOf(mounts, path);
  if (!mount) return;
  if (!check.fresh(image.attribute.range)) return;
  check.report({
    messageId: 'defaultDatabase',
    data: { ...mountData(mount, path), image: image.name.repository, env: known.unlessEnv },
    range: image.attribute.range,
    address: container.workload.resource.address,
    ...exceptionSubjects(check, mount),
  });
}

/** Database paths written in the ConfigMaps the container mounts (e.g. a litestream.yml). */
function checkConfigMaps(check: Check, container: ContainerRef, mounts: Mount[]): void {
  for (const mount of mounts) {
    const configMap = configMapOfVolume(check.module, mount.volumeBlock);
    const data = configMap?.block.attributes['data']?.value();
    if (!data) continue;
    for (const leaf of stringLeaves(data))
      for (const path of sqlitePaths(leaf.value, false)) checkPath(check, mounts, path, leaf.range, container);
  }
}

const messages = {
  database:
    'SQLite database {{path}} is on volume "{{volume}}", {{backing}}, which is network storage: keep it on an emptyDir and replicate it with litestream',
  defaultDatabase:
    'Image "{{image}}" keeps a SQLite database under {{path}} unless {{env}} chooses another database, and {{path}} is on volume "{{volume}}", {{backing}}, which is network storage: mount an emptyDir there and replicate the database with litestream',
};

type MessageId = keyof typeof messages;

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  summary: 'No SQLite database file on a network-backed volume (claim of a network class, hostPath under the GlusterFS root)',
  messages,
  check({ module, constitution, report }) {
    const check: Check = { module, constitution, report, fresh: oncePerRange() };
    for (const { container, mounts } of containersWithMounts(module, constitution)) {
      if (!mounts.some((m) => m.backing?.network)) continue;
      const named = checkExplicit(check, container, mounts);
      if (!named) checkDefaultImage(check, container, mounts);
      checkConfigMaps(check, container, mounts);
    }
  },
});

/** What a constitution exception of this rule names: the mount's claim, volume and workload, and its class. */
function exceptionSubjects(check: Check, mount: Mount): { subjects: Array<string | undefined>; storageClass?: string } {
  return { subjects: mountNames(check.module, mount), storageClass: mount.backing?.className };
}
