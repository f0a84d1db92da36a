import rule from '../../../src/lint/rules/ingress/auth';
import { testRule } from '../../support/rule-tester';

/** An IngressRoute to Service `service`; `middlewares` is the route's middlewares line(s), if any. */
function ingressRoute(service: string, middlewares = ''): string {
  return `resource "kubectl_manifest" "ingress_route" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "IngressRoute"
    metadata = {
      name      = "${service}"
      namespace = "monitoring"
    }
    spec = {
      entryPoints = ["websecure"]
      routes = [{
        match = "Host(\`${service}.brmartin.co.uk\`)"
        kind  = "Rule"
${middlewares}        services = [{
          name = "${service}"
          port = 9090
        }]
      }]
      tls = {
        secretName = "wildcard-brmartin-tls"
      }
    }
  })
}
`;
}

function middleware(name: string, spec: string): string {
  return `
resource "kubectl_manifest" "${name.replace(/-/g, '_')}" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "Middleware"
    metadata = {
      name      = "${name}"
      namespace = "monitoring"
    }
    spec = {
${spec}    }
  })
}
`;
}

const BASIC_AUTH = `      basicAuth = {
        secret = "prometheus-users"
      }
`;

const USES_AUTH = `        middlewares = [{
          name      = "auth"
          namespace = "monitoring"
        }]
`;

/** A module whose Deployment runs as a ServiceAccount bound to `verbs` on deployments. */
function dashboard(verbs: string, middlewares = ''): string {
  return `${ingressRoute('dashboard', middlewares)}
resource "kubernetes_service_v1" "dashboard" {
  metadata {
    name = "dashboard"
  }

  spec {
    selector = {
      app = "dashboard"
    }
  }
}

resource "kubernetes_deployment_v1" "dashboard" {
  metadata {
    name = "dashboard"
  }

  spec {
    template {
      metadata {
        labels = {
          app = "dashboard"
        }
      }

      spec {
        service_account_name = kubernetes_service_account_v1.dashboard.metadata[0].name
      }
    }
  }
}

resource "kubernetes_service_account_v1" "dashboard" {
  metadata {
    name = "dashboard"
  }
}

resource "kubernetes_cluster_role_v1" "dashboard" {
  metadata {
    name = "dashboard"
  }

  rule {
    api_groups = ["apps"]
    resources  = ["deployments"]
    verbs      = ${verbs}
  }
}

resource "kubernetes_cluster_role_binding_v1" "dashboard" {
  metadata {
    name = "dashboard"
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role_v1.dashboard.metadata[0].name
  }

  subject {
    kind      = "ServiceAccount"
    name      = "dashboard"
    namespace = "monitoring"
  }
}
`;
}

testRule(rule, {
  valid: [
    {
      name: 'basicAuth middleware of the module',
      files: { 'modules-k8s/prometheus/main.tf': ingressRoute('prometheus', USES_AUTH) + middleware('auth', BASIC_AUTH) },
    },
    {
      name: 'forwardAuth middleware through a reference',
      files: {
        'modules-k8s/alertmanager/main.tf':
          ingressRoute(
            'alertmanager',
            `        middlewares = [{
          name = kubectl_manifest.sso.name
        }]
`,
          ) +
          middleware(
            'sso',
            `      forwardAuth = {
        address = "http://oauth2-proxy.auth.svc:4180"
      }
`,
          ),
      },
    },
    {
      name: 'middleware listed in the constitution',
      files: {
        'modules-k8s/prometheus/main.tf': ingressRoute(
          'prometheus',
          `        middlewares = [{
          name      = "sso"
          namespace = "traefik"
        }]
`,
        ),
      },
      constitution: { authMiddlewares: ['traefik/sso'] },
    },
    { name: 'service that needs no auth', files: { 'modules-k8s/grafana/main.tf': ingressRoute('grafana') } },
    { name: 'read-only service account', files: { 'modules-k8s/dashboard/main.tf': dashboard('["get", "list", "watch"]') } },
    {
      name: 'middleware name from an unknown variable',
      files: {
        'modules-k8s/meshery/main.tf': ingressRoute(
          'meshery',
          `        middlewares = [{
          name = var.auth_middleware
        }]
`,
        ),
      },
    },
    {
      name: 'chain of middlewares that includes basic auth',
      files: {
        'modules-k8s/prometheus/main.tf':
          ingressRoute('prometheus', USES_AUTH) +
          middleware(
            'auth',
            `      chain = {
        middlewares = [{ name = "users" }]
      }
`,
          ) +
          middleware('users', BASIC_AUTH),
      },
    },
  ],
  invalid: [
    {
      name: 'admin ui folder without middleware',
      files: { 'modules-k8s/prometheus/main.tf': ingressRoute('prometheus') },
      expected: [
        {
          messageId: 'noAuth',
          line: 12,
          column: 9,
          message:
            'Route to Service "prometheus" has no authentication middleware (module "prometheus" is in authRequired); add a Middleware with basicAuth or forwardAuth to its middlewares',
        },
      ],
    },
    {
      name: 'service named in authRequired behind a non-auth middleware',
      files: {
        'modules-k8s/monitoring/main.tf':
          ingressRoute(
            'alertmanager',
            `        middlewares = [{
          name = "redirect"
        }]
`,
          ) +
          middleware(
            'redirect',
            `      redirectScheme = {
        scheme = "https"
      }
`,
          ),
      },
      expected: [{ messageId: 'noAuth', line: 14, column: 9 }],
    },
    {
      name: 'service account bound to a writing role',
      files: { 'modules-k8s/dashboard/main.tf': dashboard('["get", "update", "patch"]') },
      expected: [
        {
          messageId: 'noAuth',
          line: 12,
          column: 9,
          message:
            'Route to Service "dashboard" has no authentication middleware (its ServiceAccount "dashboard" is bound to a role with write verbs); add a Middleware with basicAuth or forwardAuth to its middlewares',
        },
      ],
    },
    {
      name: 'reference to a middleware without auth',
      files: {
        'modules-k8s/meshery/main.tf':
          ingressRoute(
            'meshery',
            `        middlewares = [{
          name = kubectl_manifest.headers.name
        }]
`,
          ) +
          middleware(
            'headers',
            `      headers = {
        frameDeny = true
      }
`,
          ),
      },
      expected: [{ messageId: 'noAuth', line: 14, column: 9 }],
    },
    {
      name: 'constitution middleware in another namespace',
      files: {
        'modules-k8s/prometheus/main.tf': ingressRoute(
          'prometheus',
          `        middlewares = [{
          name      = "sso"
          namespace = "traefik"
        }]
`,
        ),
      },
      constitution: { authMiddlewares: ['auth/sso'] },
      expected: [{ messageId: 'noAuth', line: 14, column: 9 }],
    },
    {
      name: 'authRequired from the constitution',
      files: { 'modules-k8s/grafana/main.tf': ingressRoute('grafana') },
      constitution: { authRequired: ['grafana'] },
      expected: [{ messageId: 'noAuth', line: 12, column: 9 }],
    },
  ],
});
