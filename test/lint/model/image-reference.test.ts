import { imageReference } from '../../../src/terraform/k8s/images';

describe('imageReference', () => {
  test.each([
    ['nginx', { host: undefined, tag: undefined, digest: undefined }],
    ['nginx:1.27', { host: undefined, tag: '1.27', digest: undefined }],
    ['library/nginx:latest', { host: undefined, tag: 'latest', digest: undefined }],
    ['registry.brmartin.co.uk/infra/backup:1.4.0', { host: 'registry.brmartin.co.uk', tag: '1.4.0', digest: undefined }],
    ['Registry.Local:5000/app', { host: 'registry.local:5000', tag: undefined, digest: undefined }],
    ['localhost/app:dev', { host: 'localhost', tag: 'dev', digest: undefined }],
    ['nginx:latest@sha256:abc', { host: undefined, tag: 'latest', digest: 'sha256:abc' }],
    ['ghcr.io/example/tool@sha256:abc', { host: 'ghcr.io', tag: undefined, digest: 'sha256:abc' }],
    ['prom/prometheus:v2.54.1', { host: undefined, tag: 'v2.54.1', digest: undefined }],
  ])('%s', (reference, expected) => {
    expect(imageReference(reference)).toEqual(expected);
  });
});
