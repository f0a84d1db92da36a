import rule from '../../../src/lint/rules/observability/alert-nodata';
import { testRule } from '../../support/rule-tester';

/** A ConfigMap whose `alerts.yaml` key holds `body`. */
function configMap(body: string): string {
  return `resource "kubernetes_config_map_v1" "alerts" {
  metadata {
    name      = "grafana-alerts"
    namespace = "monitoring"
    labels    = { grafana_alert = "1" }
  }

  data = {
    "alerts.yaml" = ${body}
  }
}
`;
}

const heredocRules = (states: string): string => `<<-EOT
      apiVersion: 1
      groups:
        - orgId: 1
          name: pods
          folder: homelab
          interval: 1m
          rules:
            - uid: crashloop
              title: Pods crash-looping
              condition: B
              data:
                - refId: A
                  datasourceUid: prometheus
                  model:
                    expr: count(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"})
                - refId: B
                  datasourceUid: __expr__
                  model:
                    type: threshold
                    expression: A
${states}              for: 5m
    EOT`;

const yamlencodeRules = (states: string): string => `yamlencode({
    apiVersion = 1
    groups = [{
      orgId    = 1
      name     = "jobs"
      folder   = "homelab"
      interval = "1m"
      rules = [{
        uid       = "failed-jobs"
        title     = "Jobs failing"
        condition = "A"
        data = [{
          refId         = "A"
          datasourceUid = "prometheus"
          model         = { expr = "sum(kube_job_status_failed) > 0" }
        }]${states}
      }]
    }]
  })`;

testRule(rule, {
  valid: [
    {
      name: 'heredoc rules that set both states',
      code: configMap(heredocRules('              noDataState: OK\n              execErrState: Error\n')),
    },
    {
      name: 'yamlencode rules that set both states',
      code: configMap(yamlencodeRules('\n        noDataState  = "OK"\n        execErrState = "Alerting"')),
    },
    {
      name: 'Prometheus rule files are unaffected',
      code: configMap(`<<-EOT
      groups:
        - name: pods
          rules:
            - alert: PodCrashLooping
              expr: count(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}) > 0
              for: 5m
    EOT`),
    },
    {
      name: 'a body read from a file is unknown',
      code: configMap('file("${path.module}/alerts.yaml")'),
    },
    {
      name: 'a ConfigMap that is not alert provisioning',
      code: configMap('jsonencode({ groups = [{ name = "a", members = ["x"] }] })'),
    },
  ],
  invalid: [
    {
      name: 'heredoc rule without either state, reported at its title',
      code: configMap(heredocRules('')),
      expected: [
        {
          messageId: 'missing',
          line: 18,
          column: 15,
          message:
            'Grafana alert rule "Pods crash-looping" in ConfigMap kubernetes_config_map_v1.alerts (alerts.yaml) does not set noDataState and execErrState, so Grafana uses NoData and Error, which fire when the query returns no series or fails: set both (e.g. noDataState: OK when no series means healthy, execErrState: Error)',
        },
      ],
    },
    {
      name: 'yamlencode rule that sets only noDataState',
      code: configMap(yamlencodeRules('\n        noDataState = "OK"')),
      expected: [{ messageId: 'missing', line: 18, column: 9 }],
    },
    {
      name: 'JSON text in a quoted string',
      code: configMap(
        '"{\\"apiVersion\\": 1, \\"groups\\": [{\\"name\\": \\"g\\", \\"rules\\": [{\\"uid\\": \\"u\\", \\"title\\": \\"Down\\", \\"condition\\": \\"A\\", \\"data\\": []}]}]}"',
      ),
      expected: [{ messageId: 'missing', line: 9, column: 21 }],
    },
    {
      name: 'a ConfigMap written as a kubectl_manifest body',
      code: `resource "kubectl_manifest" "alerts" {
  yaml_body = yamlencode({
    apiVersion = "v1"
    kind       = "ConfigMap"
    metadata   = { name = "grafana-alerts", namespace = "monitoring" }
    data = {
      "alerts.json" = jsonencode({
        apiVersion = 1
        groups = [{
          name  = "g"
          rules = [{ uid = "u", title = "Down", condition = "A", data = [], execErrState = "OK" }]
        }]
      })
    }
  })
}
`,
      expected: [{ messageId: 'missing', line: 11, column: 33 }],
    },
  ],
});
