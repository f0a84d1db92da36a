import { providerVersion, resourceSchema, resourceTypes } from '../../src/schema/provider';
import { typeText } from '../../src/schema/types';

describe('the provider schema as the rules see it', () => {
  test('resources and data sources are separate tables, and _v1 types are their own', () => {
    expect(resourceSchema('resource', 'kubernetes_deployment_v1')).toBeDefined();
    expect(resourceSchema('resource', 'kubernetes_deployment')).toBeDefined();
    expect(resourceSchema('resource', 'kubernetes_daemon_set')).toBeUndefined();
    expect(resourceSchema('resource', 'kubernetes_daemonset')).toBeDefined();
    expect(resourceSchema('data', 'kubernetes_deployment_v1')).toBeUndefined();
    expect(resourceSchema('data', 'kubernetes_secret_v1')).toBeDefined();
    expect(resourceTypes('resource').length).toBe(82);
    expect(resourceTypes('data').length).toBe(26);
    expect(providerVersion()).toBe('2.38.0');
  });

  test('names that are properties of every JS object are not resource types', () => {
    expect(resourceSchema('resource', 'constructor')).toBeUndefined();
    expect(resourceSchema('resource', '__proto__')).toBeUndefined();
    expect(resourceSchema('resource', 'toString')).toBeUndefined();
  });

  test('nested blocks: single or list, required or not, through shared bodies', () => {
    const deployment = resourceSchema('resource', 'kubernetes_deployment_v1')!;
    const spec = deployment.blocks.get('spec')!;
    expect(spec).toMatchObject({ single: true, required: true });
    const podSpec = spec.body().blocks.get('template')!.body().blocks.get('spec')!.body();
    expect(podSpec.blocks.get('container')).toMatchObject({ single: false, required: false });
    const container = podSpec.blocks.get('container')!.body();
    expect(container.attributes.get('name')).toMatchObject({ required: true });
    expect(container.attributes.get('image')).toMatchObject({ required: false });
    expect(typeText(container.attributes.get('args')!.type)).toBe('list(string)');
    expect(container.blocks.get('liveness_probe')).toMatchObject({ single: true, required: false });
    // The pod spec of a StatefulSet is the same shared body, compiled once.
    const statefulPodSpec = resourceSchema('resource', 'kubernetes_stateful_set_v1')!.blocks.get('spec')!.body().blocks.get('template')!.body().blocks.get('spec')!.body();
    expect(statefulPodSpec).toBe(podSpec);
  });

  test('attribute types', () => {
    const configMap = resourceSchema('resource', 'kubernetes_config_map_v1')!;
    expect(typeText(configMap.attributes.get('data')!.type)).toBe('map(string)');
    expect(typeText(configMap.attributes.get('immutable')!.type)).toBe('bool');
    const metadata = configMap.blocks.get('metadata')!.body();
    expect(metadata.attributes.has('uid')).toBe(false);
    expect(typeText(resourceSchema('resource', 'kubernetes_manifest')!.attributes.get('manifest')!.type)).toBe('map(any)');
  });
});
