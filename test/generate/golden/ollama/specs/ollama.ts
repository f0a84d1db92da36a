import { defineService, variable } from 'gen-modules';

/**
 * Ollama on the GPU host: one NVIDIA GPU as an extended resource, the nvidia
 * RuntimeClass, the GPU node required by name and label and its taint
 * tolerated. Models live in a host directory named by a variable; the image
 * repository is a variable too (a mirror, or the ROCm build).
 */
export default defineService({
  name: 'ollama',
  description: 'Ollama: runs large language models locally on the GPU host.',
  workload: { kind: 'Deployment', replicas: 1, strategy: 'Recreate' },
  containers: [
    {
      name: 'ollama',
      image: { name: variable('image_repository'), tag: '0.5.7' },
      env: { OLLAMA_HOST: '0.0.0.0:11434', OLLAMA_KEEP_ALIVE: '24h', NVIDIA_VISIBLE_DEVICES: 'all' },
      ports: [{ name: 'http', containerPort: 11434 }],
      resources: {
        requests: { cpu: '500m', memory: '4Gi' },
        limits: { cpu: '8000m', memory: '24Gi' },
        extended: { 'nvidia.com/gpu': 1 },
      },
      probes: {
        liveness: { http: { path: '/', port: 'http' }, initialDelaySeconds: 30 },
        readiness: { http: { path: '/api/version', port: 'http' } },
      },
      volumeMounts: [{ volume: 'models', mountPath: '/root/.ollama' }],
    },
  ],
  volumes: [{ name: 'models', hostPath: { path: variable('models_path'), type: 'DirectoryOrCreate' } }],
  service: { ports: [{ name: 'http', port: 11434, targetPort: 'http' }] },
  scheduling: {
    requireHosts: ['hestia'],
    nodeSelector: { 'nvidia.com/gpu.present': 'true' },
    runtimeClassName: 'nvidia',
    tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
  },
  variables: {
    image_repository: { description: 'Image repository of Ollama', type: 'string', default: 'ollama/ollama' },
    models_path: { description: 'Host directory holding the models', type: 'string', default: '/srv/ollama' },
  },
  outputs: {
    api_service: { description: 'Service of the Ollama API', value: { serviceOf: 'ollama' } },
  },
});
