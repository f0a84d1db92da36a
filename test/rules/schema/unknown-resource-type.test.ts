import rule from '../../../src/lint/rules/schema/unknown-resource-type';
import { testRule } from '../../support/rule-tester';
import { manifest, release, versions } from './_providers';

const CONFIG_MAP_BODY = `
  metadata {
    name = "settings"
  }
`;

testRule(rule, {
  valid: [
    {
      name: 'kubectl types the hand-written schema does not describe, and an uncovered helm constraint',
      code: versions('>= 2.0') + 'data "kubectl_path_documents" "docs" {\n  pattern = "./manifests/*.yaml"\n}\n\nresource "helm_releas" "redis" {\n  name  = "redis"\n  chart = "redis"\n}\n',
    },
    { name: 'versioned resource types', code: `resource "kubernetes_config_map_v1" "settings" {${CONFIG_MAP_BODY}}\n\nresource "kubernetes_daemon_set_v1" "agent" {}\n` },
    { name: 'unversioned resource types that exist', code: `resource "kubernetes_config_map" "settings" {${CONFIG_MAP_BODY}}\n\nresource "kubernetes_daemonset" "agent" {}\n` },
    { name: 'data sources', code: `data "kubernetes_secret_v1" "tls" {${CONFIG_MAP_BODY}}\n\ndata "kubernetes_all_namespaces" "all" {}\n` },
    { name: 'other providers are not judged', code: `resource "kubectl_manifest" "route" {\n  yaml_body = "{}"\n}\n\nresource "helm_release" "traefik" {}\n` },
    {
      name: 'the local name kubernetes mapped to another provider',
      code: `terraform {
  required_providers {
    kubernetes = {
      source = "example/kubernetes"
    }
  }
}

resource "kubernetes_whatever" "x" {}
`,
    },
  ],
  invalid: [
    {
      name: 'a misspelt helm resource type',
      code: versions('~> 3.0') + 'resource "helm_releas" "redis" {\n  name  = "redis"\n  chart = "redis"\n}\n',
      expected: [{ messageId: 'resource', line: 13, column: 10, message: 'Resource type "helm_releas" does not exist in hashicorp/helm 3.1.1: fix the type name; did you mean "helm_release"?' }],
    },
    {
      name: 'misspelt resource type with a suggestion',
      code: `resource "kubernetes_deploymnet_v1" "web" {}\n`,
      expected: [
        {
          messageId: 'resource',
          line: 1,
          column: 10,
          message: 'Resource type "kubernetes_deploymnet_v1" does not exist in hashicorp/kubernetes 2.38.0: fix the type name; did you mean "kubernetes_deployment_v1"?',
        },
      ],
    },
    {
      name: 'a _v1 suffix on a kind that only exists unversioned',
      code: `resource "kubernetes_manifest_v1" "crd" {}\n`,
      expected: [{ messageId: 'resource', line: 1, column: 10, message: 'Resource type "kubernetes_manifest_v1" does not exist in hashicorp/kubernetes 2.38.0: fix the type name; did you mean "kubernetes_manifest"?' }],
    },
    {
      name: 'kubernetes_daemon_set without _v1 does not exist',
      code: `resource "kubernetes_config_map_v1" "settings" {${CONFIG_MAP_BODY}}\n\nresource "kubernetes_daemon_set" "agent" {}\n`,
      expected: [{ messageId: 'resource', line: 7, column: 10 }],
    },
    {
      name: 'data source that is only a resource, and one far from any name',
      code: `data "kubernetes_deployment_v1" "web" {}\n\ndata "kubernetes_frobnicator" "x" {}\n`,
      expected: [
        { messageId: 'data', line: 1, column: 6, message: 'Data source "kubernetes_deployment_v1" does not exist in hashicorp/kubernetes 2.38.0: fix the type name' },
        { messageId: 'data', line: 3, column: 6, message: 'Data source "kubernetes_frobnicator" does not exist in hashicorp/kubernetes 2.38.0: fix the type name' },
      ],
    },
  ],
});
