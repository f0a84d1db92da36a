import { createRule } from '../../rule';
import { moduleName } from '../../../terraform/k8s/blocks';
import { mountsClaim, sqliteDatabases, type SqliteDatabase } from '../../../terraform/k8s/sqlite';
import { claimNames, claims, classOf, classWhere, type Claim } from '../../../terraform/k8s/storage';
import type { TfModule } from '../../../terraform/types';

const ID = 'storage/persistent-class';

/** How the claim is named in messages: its metadata name, else the resource address. */
function claimLabel(claim: Claim): string {
  return claim.name ?? claim.resource.address;
}

/** A SQLite database kept on the claim: moving it to network storage would break storage/sqlite-on-network. */
function databaseOn(module: TfModule, databases: readonly SqliteDatabase[], claim: Claim): SqliteDatabase | undefined {
  return databases.find((database) => database.mount !== undefined && mountsClaim(module, database.mount, claim));
}

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  summary: 'Persistent volume claims use the persistent storage class, unless an exception says why not',
  messages: {
    otherClass:
      'Claim "{{claim}}" uses storage class "{{class}}", not the persistent class "{{persistent}}": set `storage_class_name = "{{persistent}}"`, or add a constitution exception for {{rule}} with a reason',
    defaultClass:
      'Claim "{{claim}}" has no `storage_class_name`, so the cluster default class decides where its data lives: set `storage_class_name = "{{persistent}}"` explicitly',
    sqliteClass:
      'Claim "{{claim}}" uses storage class "{{class}}", not the persistent class "{{persistent}}", but holds the SQLite database {{path}}, which must not move to network storage (storage/sqlite-on-network): add a constitution exception `{ rule: "{{rule}}", workload: "{{workload}}", class: "{{class}}", reason: "..." }` saying why, or keep the database on an emptyDir replicated with litestream',
    sqliteDefault:
      'Claim "{{claim}}" has no `storage_class_name` and holds the SQLite database {{path}}, which must not live on network storage (storage/sqlite-on-network): set `storage_class_name = "{{local}}"` with a constitution exception `{ rule: "{{rule}}", workload: "{{workload}}", class: "{{local}}", reason: "..." }`, or keep the database on an emptyDir replicated with litestream',
  },
  check({ module, constitution, report }) {
    const persistent = constitution.persistentClass;
    let databases: SqliteDatabase[] | undefined;
    const sqliteOn = (claim: Claim): SqliteDatabase | undefined =>
      databaseOn(module, (databases ??= sqliteDatabases(module, constitution)), claim);
    for (const claim of claims(module)) {
      const cls = classOf(claim.spec);
      const data = { claim: claimLabel(claim), persistent, rule: ID, workload: claim.name ?? moduleName(module) };
      const address = claim.resource.address;
      const subjects = claimNames(module, claim);
      if (cls.kind === 'default') {
        const range = (claim.spec ?? claim.block).headerRange;
        const database = sqliteOn(claim);
        const local = classWhere(constitution, (storage) => !storage.network);
        if (database && local !== undefined)
          report({ messageId: 'sqliteDefault', data: { ...data, path: database.path, local }, range, address, subjects });
        else report({ messageId: 'defaultClass', data, range, address, subjects });
      } else if (cls.kind === 'known' && cls.name !== persistent) {
        const database = sqliteOn(claim);
        const classData = { ...data, class: cls.name };
        const at = { range: cls.attribute.range, address, subjects, storageClass: cls.name };
        if (database) report({ messageId: 'sqliteClass', data: { ...classData, path: database.path }, ...at });
        else report({ messageId: 'otherClass', data: classData, ...at });
      }
    }
  },
});
