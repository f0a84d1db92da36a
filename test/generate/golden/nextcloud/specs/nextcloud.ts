import { defineService, tpl, variable } from 'gen-modules';

const nextcloudImage = { name: 'nextcloud', tag: '30.0.5-apache', tagVariable: 'nextcloud_image_tag' };

/**
 * Nextcloud with Collabora Online: the web server, its background jobs as a
 * CronJob on the same volume and image, and the office server on a second
 * hostname. CalDAV and CardDAV discovery is a redirectRegex Middleware; the
 * request limit is a Middleware option the typed set lacks, so it is a
 * checked manifest.
 */
export default defineService({
  name: 'nextcloud',
  description: 'Nextcloud: files, calendars and contacts, with Collabora Online for documents.',
  persistence: { data: { size: '100Gi' } },
  secrets: { keys: ['POSTGRES_PASSWORD', 'NEXTCLOUD_ADMIN_PASSWORD', 'COLLABORA_PASSWORD'] },
  configMaps: {
    php: { files: { 'memory.ini': { text: 'memory_limit = 1G\nupload_max_filesize = 16G\npost_max_size = 16G\n' } } },
  },
  components: [
    {
      name: 'nextcloud',
      workload: { kind: 'Deployment', replicas: 1, strategy: 'Recreate' },
      containers: [
        {
          name: 'nextcloud',
          image: nextcloudImage,
          env: {
            POSTGRES_HOST: variable('postgres_host'),
            POSTGRES_DB: 'nextcloud',
            POSTGRES_USER: 'nextcloud',
            POSTGRES_PASSWORD: { secret: 'POSTGRES_PASSWORD' },
            NEXTCLOUD_ADMIN_USER: 'admin',
            NEXTCLOUD_ADMIN_PASSWORD: { secret: 'NEXTCLOUD_ADMIN_PASSWORD' },
            NEXTCLOUD_TRUSTED_DOMAINS: variable('hostname'),
            OVERWRITEPROTOCOL: 'https',
          },
          ports: [{ name: 'http', containerPort: 80 }],
          resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { cpu: '2000m', memory: '2Gi' } },
          probes: {
            liveness: { http: { path: '/status.php', port: 'http', headers: { Host: 'cloud.home.example.net' } }, initialDelaySeconds: 60 },
            readiness: { http: { path: '/status.php', port: 'http', headers: { Host: 'cloud.home.example.net' } } },
          },
          volumeMounts: [
            { volume: 'data', mountPath: '/var/www/html' },
            { volume: 'php-config', mountPath: '/usr/local/etc/php/conf.d/memory.ini', subPath: 'memory.ini', readOnly: true },
          ],
        },
      ],
      volumes: [{ name: 'php-config', configMap: { key: 'php' } }],
      service: { ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
      ingress: { port: 'http', host: 'cloud.home.example.net', middlewares: [{ object: 'dav-redirect' }, { object: 'upload-limit' }] },
      scheduling: { requireArch: 'amd64' },
    },
    {
      name: 'cron',
      workload: {
        kind: 'CronJob',
        schedule: '*/5 * * * *',
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 1,
      },
      containers: [
        {
          name: 'nextcloud-cron',
          image: nextcloudImage,
          command: ['php', '-f', '/var/www/html/cron.php'],
          securityContext: { runAsUser: 33, runAsGroup: 33 },
          resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '1000m', memory: '1Gi' } },
          volumeMounts: [{ volume: 'data', mountPath: '/var/www/html' }],
        },
      ],
      scheduling: { requireArch: 'amd64' },
    },
    {
      name: 'collabora',
      containers: [
        {
          name: 'collabora',
          image: { name: 'collabora/code', tag: '24.04.12.1.1' },
          env: {
            aliasgroup1: tpl`https://${variable('hostname')}:443`,
            username: 'admin',
            password: { secret: 'COLLABORA_PASSWORD' },
            extra_params: '--o:ssl.enable=false --o:ssl.termination=true',
          },
          ports: [{ name: 'http', containerPort: 9980 }],
          resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { cpu: '2000m', memory: '2Gi' } },
          probes: {
            liveness: { http: { path: '/', port: 'http' }, initialDelaySeconds: 30 },
            readiness: { http: { path: '/hosting/discovery', port: 'http' } },
          },
        },
      ],
      service: { ports: [{ name: 'http', port: 9980, targetPort: 'http' }] },
      ingress: { kind: 'Ingress', port: 'http', host: 'office.home.example.net', hostVariable: 'office_hostname' },
      scheduling: { preferArch: [{ arch: 'amd64', weight: 80 }] },
    },
  ],
  objects: [
    {
      kind: 'Middleware',
      name: 'dav-redirect',
      redirectRegex: { regex: '^https://(.*)/.well-known/(card|cal)dav', replacement: 'https://${1}/remote.php/dav/', permanent: true },
    },
  ],
  manifests: [
    {
      name: 'upload-limit',
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      spec: { inFlightReq: { amount: 20 } },
      reason: 'Traefik inFlightReq: the typed Middleware has no option for it.',
    },
  ],
  variables: {
    postgres_host: { description: 'PostgreSQL host Nextcloud uses', type: 'string', default: 'postgres.default.svc' },
  },
});
