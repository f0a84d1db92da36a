import { defineService } from 'gen-modules';

export default defineService({
  name: 'meshery',
  description: 'Meshery: service mesh management and visualisation, with its Cilium adapter.',
  workload: { kind: 'Deployment', replicas: 1 },
  containers: [
    {
      name: 'meshery',
      image: { name: 'layer5/meshery', tag: 'v0.7.159' },
      // The server listens on 8080 inside the container; the Service exposes the usual 9081.
      ports: [{ name: 'http', containerPort: 8080 }],
      env: {
        EVENT: 'mesheryLocal',
        PORT: '8080',
        // The Cilium adapter runs beside the server in the same pod.
        ADAPTER_URLS: 'localhost:10012',
      },
      resources: {
        // The plan's 512Mi limit is too low: Meshery ran out of memory even at 1Gi.
        requests: { cpu: '200m', memory: '512Mi' },
        limits: { cpu: '1000m', memory: '2Gi' },
      },
      probes: {
        liveness: { tcp: { port: 'http' }, initialDelaySeconds: 30, periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 5 },
        readiness: { tcp: { port: 'http' }, initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
      },
      volumeMounts: [{ volume: 'meshery-home', mountPath: '/home/appuser/.meshery' }],
    },
    {
      name: 'meshery-cilium',
      image: { name: 'layer5/meshery-cilium', tag: 'v0.7.0' },
      ports: [{ name: 'grpc', containerPort: 10012 }],
      resources: {
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { cpu: '250m', memory: '256Mi' },
      },
      probes: {
        liveness: { tcp: { port: 'grpc' }, initialDelaySeconds: 15, periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 5 },
        readiness: { tcp: { port: 'grpc' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
      },
    },
  ],
  volumes: [{ name: 'meshery-home', emptyDir: {} }],
  service: {
    ports: [{ name: 'http', port: 9081, targetPort: 'http' }],
  },
  ingress: { port: 'http', auth: true },
  rbac: {
    reason:
      'Meshery installs its operator and MeshSync, and manages Cilium policies: it creates namespaces, service accounts, RBAC objects and its meshery.io CRDs. Each rule says which feature needs it; Secrets are left out. Its UI must stay behind authentication.',
    clusterRules: [
      {
        reason: 'MeshSync and the topology view: the objects Meshery shows (no Secrets).',
        apiGroups: [''],
        resources: [
          'pods',
          'pods/log',
          'services',
          'endpoints',
          'configmaps',
          'namespaces',
          'nodes',
          'persistentvolumes',
          'persistentvolumeclaims',
          'serviceaccounts',
          'events',
          'replicationcontrollers',
        ],
        verbs: ['get', 'list', 'watch'],
      },
      {
        reason: 'MeshSync and the topology view: workloads, networking, RBAC and the CRDs of the mesh.',
        apiGroups: [
          'apps',
          'batch',
          'networking.k8s.io',
          'discovery.k8s.io',
          'policy',
          'rbac.authorization.k8s.io',
          'apiextensions.k8s.io',
          'cilium.io',
          'meshery.io',
          'traefik.io',
        ],
        resources: ['*'],
        verbs: ['get', 'list', 'watch'],
      },
      {
        reason: 'Operator install: the namespace Meshery deploys its operator, broker and MeshSync into.',
        apiGroups: [''],
        resources: ['namespaces'],
        verbs: ['create'],
      },
      {
        reason: 'Operator install: the service accounts, Services and ConfigMaps of the operator, broker and MeshSync.',
        apiGroups: [''],
        resources: ['serviceaccounts', 'services', 'configmaps'],
        verbs: ['create', 'update', 'patch', 'delete'],
      },
      {
        reason: 'Operator install: the operator Deployment and the broker StatefulSet.',
        apiGroups: ['apps'],
        resources: ['deployments', 'statefulsets'],
        verbs: ['create', 'update', 'patch', 'delete'],
      },
      {
        reason: 'Operator install: the roles and bindings of the operator and MeshSync.',
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'],
        verbs: ['create', 'update', 'patch', 'delete'],
      },
      {
        reason: 'Operator install: the meshery.io CRDs (brokers, meshsyncs).',
        apiGroups: ['apiextensions.k8s.io'],
        resources: ['customresourcedefinitions'],
        verbs: ['create', 'update', 'patch'],
      },
      {
        reason: 'Operator install: the Broker and MeshSync objects the operator reconciles.',
        apiGroups: ['meshery.io'],
        resources: ['brokers', 'meshsyncs'],
        verbs: ['create', 'update', 'patch', 'delete'],
      },
      {
        reason: 'Cilium adapter: the network policies it manages.',
        apiGroups: ['cilium.io'],
        resources: ['ciliumnetworkpolicies', 'ciliumclusterwidenetworkpolicies'],
        verbs: ['create', 'update', 'patch', 'delete'],
      },
    ],
  },
  // Meshery's images are published for amd64 only: Heracles and Nyx cannot run it.
  scheduling: { requireArch: 'amd64', preferHosts: ['hestia'] },
});
