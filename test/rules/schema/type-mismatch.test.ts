import rule from '../../../src/lint/rules/schema/type-mismatch';
import { testRule } from '../../support/rule-tester';
import { manifest, release, versions } from './_providers';
import { deployment } from './_deployment';

const NAME_IMAGE = '          name  = "web"\n          image = "nginx:1.27"';

testRule(rule, {
  valid: [
    {
      name: 'helm 3.x: set and kubernetes are arguments',
      code:
        versions('~> 3.0') +
        release('  set = [{ name = "replica.replicaCount", value = "1" }]\n') +
        '\nprovider "helm" {\n  kubernetes = {\n    config_path = "~/.kube/config"\n  }\n}\n',
    },
    { name: 'literals of the right types', code: deployment(`${NAME_IMAGE}\n          args  = ["--port", "8080"]\n\n          liveness_probe {\n            period_seconds = 10\n          }`) },
    {
      name: 'literals Terraform converts: numbers and bools to strings, numeric strings to numbers',
      code: deployment(`${NAME_IMAGE}\n          args  = ["--port", 8080, true]\n\n          liveness_probe {\n            period_seconds    = "10"\n            failure_threshold = 3\n          }\n\n          security_context {\n            read_only_root_filesystem = "true"\n          }`, '\n  wait_for_rollout = false\n'),
    },
    {
      name: 'values from variables and locals are not judged here',
      code: `locals {\n  period = "ten"\n}\n\n${deployment(`${NAME_IMAGE}\n\n          liveness_probe {\n            period_seconds  = local.period\n            timeout_seconds = var.timeout\n          }`)}`,
    },
    { name: 'maps of strings with numbers and bools', code: `resource "kubernetes_config_map_v1" "settings" {\n  metadata {\n    name = "settings"\n    labels = {\n      tier    = 1\n      enabled = true\n    }\n  }\n\n  data = {\n    "config.yaml" = yamlencode({ replicas = 2 })\n  }\n}\n` },
    { name: 'the manifest of kubernetes_manifest takes any value', code: `resource "kubernetes_manifest" "crd" {\n  manifest = {\n    apiVersion = "v1"\n    kind       = "ConfigMap"\n    data       = { a = [1, 2] }\n  }\n}\n` },
    {
      name: 'wait_for of kubernetes_manifest is an object argument',
      code: `resource "kubernetes_manifest" "pod" {\n  manifest = {\n    apiVersion = "v1"\n    kind       = "Pod"\n  }\n\n  wait_for = {\n    fields = {\n      "status.phase" = "Running"\n    }\n  }\n}\n`,
    },
    { name: 'null leaves an argument unset', code: `resource "kubernetes_config_map_v1" "settings" {\n  immutable = null\n\n  metadata {\n    name = "settings"\n  }\n}\n` },
  ],
  invalid: [
    {
      name: 'helm 3.x: set written as blocks, and a kubernetes block in the provider',
      code:
        versions('~> 3.0') +
        release('\n  set {\n    name  = "replica.replicaCount"\n    value = "1"\n  }\n') +
        '\nprovider "helm" {\n  kubernetes {\n    config_path = "~/.kube/config"\n  }\n}\n',
      expected: [
        { messageId: 'argumentAsBlock', line: 20, column: 3, message: '"set" in helm_release is an argument, not a block: write `set = ...` with an equals sign' },
        { messageId: 'argumentAsBlock', line: 27, column: 3, message: '"kubernetes" in provider "helm" is an argument, not a block: write `kubernetes = ...` with an equals sign' },
      ],
    },
    {
      name: 'helm 2.x: kubernetes written as an argument of the provider',
      code: versions('>= 2.5, < 3') + 'provider "helm" {\n  kubernetes = {\n    config_path = "~/.kube/config"\n  }\n}\n',
      expected: [{ messageId: 'blockAsArgument', line: 14, column: 3 }],
    },
    {
      name: 'kubectl_manifest: a word where a bool is required',
      code: versions(undefined) + manifest('  server_side_apply = "yes"\n'),
      expected: [{ messageId: 'value', line: 16, column: 23 }],
    },
    {
      name: 'wait_for of kubernetes_manifest written as a block, and a field map as a string',
      code: `resource "kubernetes_manifest" "pod" {\n  manifest = {\n    apiVersion = "v1"\n    kind       = "Pod"\n  }\n\n  wait_for {\n    fields = {\n      "status.phase" = "Running"\n    }\n  }\n}\n\nresource "kubernetes_manifest" "job" {\n  manifest = {\n    apiVersion = "batch/v1"\n    kind       = "Job"\n  }\n\n  wait_for = {\n    fields = "status.succeeded"\n  }\n}\n`,
      expected: [
        { messageId: 'argumentAsBlock', line: 7, column: 3, message: '"wait_for" in kubernetes_manifest is an argument, not a block: write `wait_for = ...` with an equals sign' },
        { messageId: 'value', line: 21, column: 14, message: '"wait_for.fields" in kubernetes_manifest must be map(string), but the string "status.succeeded" does not convert to it: write a value of that type' },
      ],
    },
    {
      name: 'a word where a number is required',
      code: deployment(`${NAME_IMAGE}\n\n          liveness_probe {\n            period_seconds = "ten"\n          }`),
      expected: [
        {
          messageId: 'value',
          line: 26,
          column: 30,
          message: '"period_seconds" in kubernetes_deployment_v1 spec.template.spec.container.liveness_probe must be number, but the string "ten" does not convert to it: write a value of that type',
        },
      ],
    },
    {
      name: 'a word where a bool is required, a number for a bool, and a scalar for a list',
      code: `resource "kubernetes_config_map_v1" "settings" {\n  immutable = "yes"\n\n  metadata {\n    name = "settings"\n  }\n}\n\nresource "kubernetes_secret_v1" "tls" {\n  wait_for_service_account_token = 1\n\n  metadata {\n    name = "tls"\n  }\n}\n\n${deployment(`${NAME_IMAGE}\n          args  = "--port=8080"`).replace(/"web"/g, '"api"')}`,
      expected: [
        { messageId: 'value', line: 2, column: 15, message: '"immutable" in kubernetes_config_map_v1 must be bool, but the string "yes" does not convert to it: write a value of that type' },
        { messageId: 'value', line: 10, column: 36, message: '"wait_for_service_account_token" in kubernetes_secret_v1 must be bool, but the number 1 does not convert to it: write a value of that type' },
        { messageId: 'value', line: 40, column: 19, message: '"args" in kubernetes_deployment_v1 spec.template.spec.container must be list(string), but the string "--port=8080" does not convert to it: write a value of that type' },
      ],
    },
    {
      name: 'a list item and a map value of the wrong type',
      code: `resource "kubernetes_config_map_v1" "settings" {\n  metadata {\n    name = "settings"\n    labels = {\n      app  = "settings"\n      tags = ["a", "b"]\n    }\n  }\n}\n\n${deployment(`${NAME_IMAGE}\n          args  = ["--port", ["8080"]]`)}`,
      expected: [
        { messageId: 'value', line: 6, column: 14, message: '"labels.tags" in kubernetes_config_map_v1 metadata must be string, but a list does not convert to it: write a value of that type' },
        { messageId: 'value', line: 34, column: 30, message: '"args[1]" in kubernetes_deployment_v1 spec.template.spec.container must be string, but a list does not convert to it: write a value of that type' },
      ],
    },
    {
      name: 'a block written as an argument, and an argument written as a block',
      code: `resource "kubernetes_namespace_v1" "apps" {\n  metadata = {\n    name = "apps"\n  }\n}\n\nresource "kubernetes_config_map_v1" "settings" {\n  metadata {\n    name = "settings"\n\n    labels {\n      app = "settings"\n    }\n  }\n}\n`,
      expected: [
        { messageId: 'blockAsArgument', line: 2, column: 3, message: '"metadata" in kubernetes_namespace_v1 is a block, not an argument: write `metadata { ... }` without the equals sign' },
        { messageId: 'argumentAsBlock', line: 11, column: 5, message: '"labels" in kubernetes_config_map_v1 metadata is an argument, not a block: write `labels = ...` with an equals sign' },
      ],
    },
  ],
});
