import { formatHcl } from '../../../src/hcl/format';
import { lintModules } from '../../../src/lint/engine';
import { resolveConfig } from '../../../src/lint/config';
import { loadSources } from '../../../src/terraform/load';
import rule from '../../../src/lint/rules/terraform/fmt';
import { testRule, VIRTUAL_ROOT, type RuleTests } from '../../support/rule-tester';
import { terraformFmt, TERRAFORM_VERSION, warnWithoutTerraform } from '../../support/terraform-fmt';

/** What hcl2json reads differently after terraform fmt's rewrites (it gives a variable's type as written: `"string"` and `string`, `map` and `map(string)` differ). */
const PARSED_REWRITES = ['variables.tf: ~variable.labels.0.type', 'variables.tf: ~variable.namespace.0.type'];

const tests: RuleTests = {
  valid: [
    {
      name: 'provider-defined functions, written without blanks around ::',
      code: `resource "kubernetes_manifest" "crds" {
  for_each = { for m in provider::kubernetes::manifest_decode_multi(file("\${path.module}/crds.yaml")) : m.metadata.name => m }
  manifest = each.value
}
`,
    },
    {
      name: 'formatted module over several files',
      files: {
        'variables.tf': `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type        = string
  default     = "default"
}

variable "image_tag" {
  description = "Image tag of grafana/grafana"
  type        = string
  # renovate: datasource=docker depName=grafana/grafana
  default = "11.4.0"
}
`,
        'main.tf': `locals {
  app_name = "grafana"
  labels = {
    app        = local.app_name
    managed-by = "terraform"
  }
}

resource "kubernetes_config_map_v1" "dashboard" {
  for_each = toset(["nodes", "pods"])

  metadata {
    name      = "\${local.app_name}-\${each.key}"
    namespace = var.namespace
    labels    = local.labels
  }
}
`,
      },
    },
    {
      name: 'dynamic block and count',
      code: `resource "kubernetes_deployment_v1" "grafana" {
  count = 1

  metadata {
    name = "grafana"
  }

  spec {
    template {
      spec {
        dynamic "volume" {
          for_each = ["data", "plugins"]
          content {
            name = volume.value
          }
        }
      }
    }
  }
}
`,
    },
    {
      name: 'heredoc content is left as written',
      code: `resource "kubernetes_config_map_v1" "prometheus_config" {
  data = {
    "prometheus.yml" = <<-EOT
      global:
          scrape_interval:   30s
    EOT
  }
}
`,
    },
    {
      name: 'yamlencode body and trailing comments aligned',
      code: `resource "kubectl_manifest" "ingress_route" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1" # Traefik 3
    kind       = "IngressRoute"        # not a core Ingress
    spec = {
      entryPoints = ["websecure"]
      tls         = { secretName = "wildcard-brmartin-tls" }
    }
  })
}
`,
    },
    {
      name: 'empty file',
      code: '',
    },
  ],
  invalid: [
    {
      name: 'what terraform fmt rewrites: an interpolation-only value, a bare label, a legacy variable type',
      files: {
        'variables.tf': `variable namespace {
  description = "Kubernetes namespace to deploy into"
  type        = "string"
}

variable "labels" {
  description = "Extra labels"
  type        = map
  default     = {}
}
`,
        'main.tf': `resource "kubernetes_namespace_v1" "this" {
  metadata {
    name   = "\${var.namespace}"
    labels = var.labels
  }
}
`,
      },
      expected: [
        {
          messageId: 'unformatted',
          file: 'variables.tf',
          line: 1,
          column: 1,
          message: '3 lines differ from `terraform fmt` output, starting here; run `terraform fmt` on this file',
        },
        {
          messageId: 'unformatted',
          file: 'main.tf',
          line: 3,
          column: 1,
          message: '1 line differs from `terraform fmt` output, starting here; run `terraform fmt` on this file',
        },
      ],
      output: {
        'variables.tf': `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type        = string
}

variable "labels" {
  description = "Extra labels"
  type        = map(any)
  default     = {}
}
`,
        'main.tf': `resource "kubernetes_namespace_v1" "this" {
  metadata {
    name   = var.namespace
    labels = var.labels
  }
}
`,
      },
      parsed: PARSED_REWRITES,
    },
    {
      name: 'blanks around the :: of a provider-defined function',
      code: `locals {
  config = provider :: kubernetes :: manifest_decode(file("config.yaml"))
}
`,
      output: `locals {
  config = provider::kubernetes::manifest_decode(file("config.yaml"))
}
`,
      // hcl2json gives an expression's text as written: the blanks are part of it.
      parsed: ['~locals.0.config'],
      expected: [{ messageId: 'unformatted', line: 2, column: 1 }],
    },
    {
      name: 'unaligned equals',
      code: `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type = string
  default = "default"
}
`,
      output: `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type        = string
  default     = "default"
}
`,
      parsed: [],
      expected: [
        {
          messageId: 'unformatted',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 16,
          message: '2 lines differ from `terraform fmt` output, starting here; run `terraform fmt` on this file',
        },
      ],
    },
    {
      name: 'four-space indentation',
      code: `locals {
    app_name = "grafana"
}
`,
      output: `locals {
  app_name = "grafana"
}
`,
      parsed: [],
      expected: [
        {
          messageId: 'unformatted',
          line: 2,
          column: 1,
          message: '1 line differs from `terraform fmt` output, starting here; run `terraform fmt` on this file',
        },
      ],
    },
    {
      name: 'only the unformatted file of several',
      files: {
        'variables.tf': `variable "hostname" {
  description = "Hostname the service is served on"
  type        = string
  default     = "grafana.brmartin.co.uk"
}
`,
        'outputs.tf': `output "hostname" {
  description = "Hostname the service is served on"
  value       = var.hostname
}

output "namespace"{
  description = "Namespace the service runs in"
  value       = "default"
}
`,
      },
      expected: [{ messageId: 'unformatted', file: 'outputs.tf', line: 6, column: 1 }],
      output: {
        'outputs.tf': `output "hostname" {
  description = "Hostname the service is served on"
  value       = var.hostname
}

output "namespace" {
  description = "Namespace the service runs in"
  value       = "default"
}
`,
      },
      parsed: [],
    },
    {
      name: 'spacing inside expressions of a dynamic block',
      code: `resource "kubernetes_deployment_v1" "grafana" {
  spec {
    template {
      spec {
        dynamic "volume" {
          for_each = ["data","plugins"]
          content {
            name = volume.value
          }
        }
      }
    }
  }
}
`,
      output: `resource "kubernetes_deployment_v1" "grafana" {
  spec {
    template {
      spec {
        dynamic "volume" {
          for_each = ["data", "plugins"]
          content {
            name = volume.value
          }
        }
      }
    }
  }
}
`,
      parsed: [],
      expected: [{ messageId: 'unformatted', line: 6, column: 1 }],
    },
    {
      name: 'one finding per file, at the first difference',
      code: `resource "kubernetes_service_v1" "grafana" {
  metadata {
  name = "grafana"
  }

  spec {
    port {
      name = "http"
      port    = 3000
    }
  }
}
`,
      output: `resource "kubernetes_service_v1" "grafana" {
  metadata {
    name = "grafana"
  }

  spec {
    port {
      name = "http"
      port = 3000
    }
  }
}
`,
      parsed: [],
      expected: [
        {
          messageId: 'unformatted',
          line: 3,
          column: 1,
          message: '2 lines differ from `terraform fmt` output, starting here; run `terraform fmt` on this file',
        },
      ],
    },
  ],
};

testRule(rule, tests);

describe('terraform/fmt inputs', () => {
  const inputs = [...tests.valid, ...tests.invalid].flatMap((row) =>
    Object.entries(row.files ?? { 'main.tf': row.code ?? '' }).map(([file, text]) => ({ name: `${row.name}: ${file}`, text })),
  );

  // The rule trusts formatHcl to be terraform fmt; every input above checks it.
  warnWithoutTerraform('terraform/fmt inputs are not compared with `terraform fmt`');
  (TERRAFORM_VERSION === undefined ? it.skip : it)('formatHcl agrees with terraform fmt on every input', () => {
    const expected = terraformFmt(inputs.map(({ text }) => text));
    expect(inputs.map(({ name, text }) => ({ name, formatted: formatHcl(text) }))).toEqual(
      inputs.map(({ name }, index) => ({ name, formatted: expected[index] })),
    );
  });

  // The fix writes formatHcl's output; this pins it to terraform fmt's on the rows that have one.
  (TERRAFORM_VERSION === undefined ? it.skip : it)('every fixed output is what terraform fmt writes', () => {
    const fixed = tests.invalid.flatMap((row) => {
      const output = typeof row.output === 'string' ? { 'main.tf': row.output } : (row.output ?? {});
      const input = row.files ?? { 'main.tf': row.code ?? '' };
      return Object.entries(output).map(([file, text]) => ({ name: `${row.name}: ${file}`, input: input[file] ?? '', text }));
    });
    expect(fixed.length).toBeGreaterThan(0);
    const expected = terraformFmt(fixed.map(({ input }) => input));
    expect(fixed.map(({ name, text }) => ({ name, text }))).toEqual(fixed.map(({ name }, index) => ({ name, text: expected[index] })));
  });

  it('skips a file that does not parse', async () => {
    const config = resolveConfig({ rules: { [rule.id]: 'error' } }, { file: null, rules: [rule] });
    const modules = await loadSources({ 'main.tf': 'locals {\n    a = \n}\n', 'b.tf': 'locals {\n    b = 1\n}\n' }, VIRTUAL_ROOT);
    const findings = lintModules(modules, config).filter((f) => f.ruleId === rule.id);
    expect(findings.map((f) => [f.range.file.slice(VIRTUAL_ROOT.length + 1), f.range.line])).toEqual([['b.tf', 2]]);
  });
});
