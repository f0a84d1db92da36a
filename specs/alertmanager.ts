import { defineService, tpl, variable } from 'gen-modules';
import { alertmanagerConfig } from './lib/alertmanager';

/** Secret values are files of the mounted `alertmanager-secrets`, never literals in the config. */
const secretsDir = '/etc/alertmanager/secrets';

export default defineService({
  name: 'alertmanager',
  description: 'Alertmanager: routes the alerts Prometheus fires to e-mail, grouped and de-duplicated.',
  workload: {
    kind: 'Deployment',
    replicas: 1,
    // A single instance without clustering: never two at once.
    strategy: 'Recreate',
  },
  containers: [
    {
      name: 'alertmanager',
      image: { name: 'prom/alertmanager', tag: 'v0.27.0' },
      args: [
        '--config.file=/etc/alertmanager/config/alertmanager.yml',
        '--storage.path=/alertmanager',
        tpl`--web.external-url=https://${variable('hostname')}`,
        // One replica: no gossip cluster to join.
        '--cluster.listen-address=',
      ],
      ports: [{ name: 'http', containerPort: 9093 }],
      resources: {
        requests: { cpu: '20m', memory: '64Mi' },
        limits: { cpu: '200m', memory: '128Mi' },
      },
      probes: {
        liveness: {
          http: { path: '/-/healthy', port: 'http' },
          initialDelaySeconds: 10,
          periodSeconds: 15,
          timeoutSeconds: 5,
          failureThreshold: 3,
        },
        readiness: {
          http: { path: '/-/ready', port: 'http' },
          initialDelaySeconds: 5,
          periodSeconds: 10,
          timeoutSeconds: 5,
          failureThreshold: 3,
        },
      },
      volumeMounts: [
        { volume: 'config', mountPath: '/etc/alertmanager/config', readOnly: true },
        { volume: 'secrets', mountPath: secretsDir, readOnly: true },
        { volume: 'data', mountPath: '/alertmanager' },
      ],
    },
  ],
  securityContext: { runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534, runAsNonRoot: true },
  volumes: [{ name: 'secrets', secret: { defaultMode: '0440' } }],
  persistence: {
    // Silences and the notification log survive restarts.
    data: { size: '1Gi' },
  },
  configMaps: {
    config: {
      files: {
        'alertmanager.yml': {
          yaml: alertmanagerConfig({
            route: {
              receiver: 'email',
              group_by: ['alertname', 'namespace'],
              group_wait: '30s',
              group_interval: '5m',
              repeat_interval: '4h',
            },
            receivers: [
              {
                name: 'email',
                email_configs: [
                  {
                    to: variable('email_to'),
                    from: variable('email_from'),
                    smarthost: variable('smtp_smarthost'),
                    auth_username: variable('smtp_username'),
                    auth_password_file: `${secretsDir}/SMTP_PASSWORD`,
                    require_tls: true,
                    send_resolved: true,
                  },
                ],
              },
            ],
            inhibit_rules: [
              // A critical alert about a node (NodeDown) silences the warnings about that node: its
              // scrape targets, filesystems and memory. `node` is the label they share; the targets
              // of the kubelet and cAdvisor carry no namespace, and NodeDown's namespace is
              // node-exporter's, so equal on `namespace` too would keep most of the mails coming.
              {
                source_matchers: ['severity="critical"', 'node=~".+"'],
                target_matchers: ['severity="warning"'],
                equal: ['node'],
              },
            ],
          }),
        },
      },
    },
  },
  service: {
    ports: [{ name: 'http', port: 9093, targetPort: 'http' }],
    annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9093' },
  },
  ingress: { port: 'http', auth: true },
  secrets: { keys: ['SMTP_PASSWORD'] },
  variables: {
    email_to: { description: 'Where alert e-mails go', type: 'string', default: 'alerts@brmartin.co.uk' },
    email_from: { description: 'Sender of alert e-mails', type: 'string', default: 'alertmanager@brmartin.co.uk' },
    smtp_smarthost: { description: 'SMTP server and port', type: 'string', default: 'smtp.brmartin.co.uk:587' },
    smtp_username: {
      description: 'SMTP user name (its password comes from Vault)',
      type: 'string',
      default: 'alertmanager@brmartin.co.uk',
    },
  },
});
