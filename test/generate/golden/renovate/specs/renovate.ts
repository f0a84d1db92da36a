import { defineService, variable } from 'gen-modules';

/**
 * Renovate as a CronJob: one run an hour, never two at once, a short history.
 * Its token comes from Vault through an ExternalSecret, which the CronJob
 * waits for; the repositories it looks at are a list variable passed as args.
 */
export default defineService({
  name: 'renovate',
  description: 'Renovate: opens pull requests that keep dependencies up to date, run hourly.',
  workload: {
    kind: 'CronJob',
    schedule: '0 * * * *',
    timeZone: 'Etc/UTC',
    concurrencyPolicy: 'Forbid',
    successfulJobsHistoryLimit: 1,
    failedJobsHistoryLimit: 3,
    backoffLimit: 1,
    restartPolicy: 'Never',
    ttlSecondsAfterFinished: 3600,
  },
  containers: [
    {
      name: 'renovate',
      image: { registry: 'ghcr.io', name: 'renovatebot/renovate', tag: '39.120.4' },
      args: variable('repositories'),
      env: {
        RENOVATE_PLATFORM: 'gitea',
        RENOVATE_ENDPOINT: 'https://git.home.example.net/api/v1',
        RENOVATE_TOKEN: { secret: 'RENOVATE_TOKEN' },
        RENOVATE_GITHUB_COM_TOKEN: { secret: 'GITHUB_COM_TOKEN' },
        LOG_LEVEL: 'info',
      },
      resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { cpu: '2000m', memory: '2Gi' } },
      volumeMounts: [{ volume: 'cache', mountPath: '/tmp/renovate' }],
    },
  ],
  volumes: [{ name: 'cache', emptyDir: { sizeLimit: '5Gi' } }],
  secrets: { keys: ['RENOVATE_TOKEN', 'GITHUB_COM_TOKEN'] },
  variables: {
    repositories: {
      description: 'Repositories Renovate looks at (owner/name)',
      type: 'list(string)',
      default: ['infra/homelab', 'infra/dotfiles'],
    },
  },
});
