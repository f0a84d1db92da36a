import path from 'node:path';
import { renderAll, renderRoot, renderService } from '../../src/generate/generate';
import { loadSpecs } from '../../src/spec-api/load';
import { renderedModuleReadme } from '../../src/generate/readme';
import { REPO } from '../support/tmp';

/**
 * renderAll hands each service's Terraform to its caller (the round trip) before
 * any README is rendered, so that the parses can start while this thread renders
 * the READMEs; the files it returns are those of renderService, service by service.
 */
jest.mock('../../src/generate/readme', () => {
  const actual = jest.requireActual<typeof import('../../src/generate/readme')>('../../src/generate/readme');
  return { ...actual, renderedModuleReadme: jest.fn(actual.renderedModuleReadme) };
});

const specs = loadSpecs(path.join(REPO, 'specs'));
const layout = { modulesDir: 'modules-k8s' };

test('every service is handed over, Terraform only, before the READMEs; the files are the same', () => {
  const handed: string[][] = [];
  const readmes = jest.mocked(renderedModuleReadme);
  const readmesWhenHanded: number[] = [];
  const files = renderAll(specs, layout, undefined, [], (_service, own) => {
    handed.push(own.map((f) => f.path));
    readmesWhenHanded.push(readmes.mock.calls.length);
  });
  expect(readmesWhenHanded).toEqual(specs.services.map(() => 0));
  expect(readmes).toHaveBeenCalledTimes(specs.services.length);
  expect(handed).toHaveLength(specs.services.length);
  for (const [index, { spec }] of specs.services.entries()) {
    expect(handed[index]!.length).toBeGreaterThanOrEqual(4);
    expect(handed[index]!.every((p) => p.startsWith(`modules-k8s/${spec.name}/`) && p.endsWith('.tf'))).toBe(true);
  }
  const expected = [...specs.services.flatMap((s) => renderService(specs.stack, s, layout)), renderRoot(specs, layout)];
  expect(files).toEqual(expected);
  expect(files.filter((f) => f.path.endsWith('/README.md'))).toHaveLength(specs.services.length);
});
