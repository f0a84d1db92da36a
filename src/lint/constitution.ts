import { z } from 'zod';

/**
 * The constitution's parameters: every fact a rule needs about the target
 * repository lives here, never as a literal in a rule. The defaults encode the
 * repository's constitution 1.1.1 (January 2026).
 */

export const storageClassSchema = z
  .object({
    bindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']),
    /** Backed by network storage (data reachable from every node). */
    network: z.boolean(),
    /** Served over NFS (Prometheus TSDB and other non-POSIX-unsafe data must not live here). */
    nfs: z.boolean(),
  })
  .strict();

export const exceptionSchema = z
  .object({
    /** Rule the exception applies to. */
    rule: z.string().min(1),
    /** Module folder name or workload (resource) name the exception covers. */
    workload: z.string().min(1),
    /** Storage class the exception allows, for storage rules. */
    class: z.string().min(1).optional(),
    reason: z.string().min(1, 'an exception needs a reason'),
  })
  .strict();

export const constitutionSchema = z
  .object({
    persistentClass: z.string().min(1),
    storageClasses: z.record(z.string(), storageClassSchema),
    /** Host path under which GlusterFS bricks are mounted on the nodes. */
    glusterfsRoot: z.string().min(1),
    /** Prefix the provisioner adds to `volume-name`; the annotation must not repeat it. */
    volumePrefix: z.string(),
    secretStore: z.object({ name: z.string().min(1), kind: z.string().min(1) }).strict(),
    labels: z
      .object({
        /** Label keys every object must carry (at least one of them must be present). */
        required: z.array(z.string().min(1)).min(1),
      })
      .strict(),
    /** Images that exist for one architecture only. */
    singleArchImages: z.array(z.object({ image: z.string().min(1), arch: z.string().min(1) }).strict()),
    /** Workloads (module folder or resource names) whose ingress needs an auth middleware. */
    authRequired: z.array(z.string().min(1)),
    /** Middlewares defined outside the module that count as authentication (`namespace/name` or `name`). */
    authMiddlewares: z.array(z.string().min(1)),
    /** Images (name without registry or tag) known to keep state in SQLite unless told otherwise. */
    sqliteDefaultImages: z.array(
      z.object({ image: z.string().min(1), dataPath: z.string().min(1), unlessEnv: z.string().min(1) }).strict(),
    ),
    exceptions: z.array(exceptionSchema),
  })
  .strict();

export type StorageClass = z.infer<typeof storageClassSchema>;
export type Exception = z.infer<typeof exceptionSchema>;
export type Constitution = z.infer<typeof constitutionSchema>;

export const defaultConstitution: Constitution = {
  persistentClass: 'glusterfs-nfs',
  storageClasses: {
    'glusterfs-nfs': { bindingMode: 'Immediate', network: true, nfs: true },
    'local-path': { bindingMode: 'WaitForFirstConsumer', network: false, nfs: false },
  },
  glusterfsRoot: '/storage/v',
  volumePrefix: 'glusterfs_',
  secretStore: { name: 'vault-backend', kind: 'ClusterSecretStore' },
  labels: { required: ['app', 'app.kubernetes.io/name'] },
  singleArchImages: [{ image: 'layer5/meshery', arch: 'amd64' }],
  authRequired: ['prometheus', 'alertmanager', 'meshery'],
  authMiddlewares: [],
  sqliteDefaultImages: [{ image: 'grafana/grafana', dataPath: '/var/lib/grafana', unlessEnv: 'GF_DATABASE_TYPE' }],
  exceptions: [],
};
