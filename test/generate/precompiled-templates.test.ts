import fs from 'node:fs';
import path from 'node:path';
import { renderAll } from '../../src/generate/generate';
import {
  compilingEnvironment,
  precompiledEnvironment,
  precompileTemplates,
  readTemplateSources,
  sourcesDigest,
  useTemplateEnvironment,
  type PrecompiledTemplates,
} from '../../src/generate/render';
import { MARKDOWN_TEMPLATE_DIR, MARKDOWN_TEMPLATES, precompileMarkdownTemplates, type MarkdownTemplate } from '../../src/generate/markdown';
import * as setOf from '../../src/generate/template-set';
import { loadSpecs } from '../../src/spec-api/load';
import { tempDir } from '../support/tmp';

/** The build precompiles the templates: what they render must be exactly what the templates compiled at run time render. */

const sources = readTemplateSources();

function loadModule(code: string): PrecompiledTemplates {
  const file = path.join(tempDir('precompiled-'), 'templates.js');
  fs.writeFileSync(file, code);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module the build writes, loaded as the CLI loads it
  return require(file) as PrecompiledTemplates;
}

afterEach(() => useTemplateEnvironment(undefined));

const cases = [
  path.join(__dirname, '..', '..', 'specs'),
  ...fs
    .readdirSync(path.join(__dirname, 'golden'))
    .sort()
    .map((name) => path.join(__dirname, 'golden', name, 'specs'))
    .filter((dir) => fs.existsSync(path.join(dir, 'index.ts'))),
];

test('the precompiled module names the digest of the sources it was made from', () => {
  const precompiled = loadModule(precompileTemplates(sources));
  expect(precompiled.digest).toBe(sourcesDigest(sources));
  expect(Object.keys(precompiled.templates).sort()).toEqual(Object.keys(sources.templates).sort());
  expect(Object.keys(precompiled.partials).sort()).toEqual(Object.keys(sources.partials).sort());
});

test('an edited template or partial changes the digest, so the build output is not used for it', () => {
  const partial = Object.keys(sources.partials)[0] as string;
  const editedPartial = { ...sources, partials: { ...sources.partials, [partial]: `${sources.partials[partial]} ` } };
  const editedTemplate = { ...sources, templates: { ...sources.templates, main: `${sources.templates.main}\n` } };
  expect(sourcesDigest(editedPartial)).not.toBe(sourcesDigest(sources));
  expect(sourcesDigest(editedTemplate)).not.toBe(sourcesDigest(sources));
});

test.each(cases.map((dir) => [path.relative(path.join(__dirname, '..', '..'), dir), dir]))(
  'precompiled and run-time compiled templates render %s alike',
  (_name, specsDir) => {
    const specs = loadSpecs(specsDir);
    useTemplateEnvironment(compilingEnvironment(sources));
    const compiled = renderAll(specs, { modulesDir: 'modules-k8s' });
    useTemplateEnvironment(precompiledEnvironment(loadModule(precompileTemplates(sources))));
    const precompiled = renderAll(specs, { modulesDir: 'modules-k8s' });
    expect(precompiled.length).toBeGreaterThan(1);
    expect(precompiled).toEqual(compiled);
  },
);

test('strict mode holds in precompiled templates and partials: a missing field is an error', () => {
  const env = precompiledEnvironment(loadModule(precompileTemplates(sources)));
  expect(() => env.template('versions')({})).toThrow(/not defined/);
});

describe('the Markdown templates, a second template set', () => {
  const markdownSources = setOf.readTemplateSources(MARKDOWN_TEMPLATES, MARKDOWN_TEMPLATE_DIR);

  test('the build module names the digest of the Markdown sources, so a run uses it', () => {
    const precompiled = loadModule(precompileMarkdownTemplates()) as unknown as setOf.PrecompiledTemplates<MarkdownTemplate>;
    expect(precompiled.digest).toBe(sourcesDigest(markdownSources));
    expect(precompiled.digest).not.toBe(sourcesDigest(sources));
    expect(Object.keys(precompiled.templates)).toEqual(['readme']);
    expect(Object.keys(precompiled.partials).sort()).toEqual(Object.keys(markdownSources.partials).sort());
  });

  test('a set loads its precompiled module only while the digest matches; both forms stay strict', () => {
    const file = path.join(tempDir('precompiled-md-'), 'markdown-templates.js');
    fs.writeFileSync(file, precompileMarkdownTemplates());
    const options = { dir: MARKDOWN_TEMPLATE_DIR, files: MARKDOWN_TEMPLATES, precompiledFile: file, compileOptions: { strict: true } };
    expect(() => setOf.loadEnvironment(options).template('readme')({})).toThrow(/not defined/);
    fs.writeFileSync(file, "'use strict';\nexports.digest = 'stale';\nexports.templates = {};\nexports.partials = {};\n");
    // A stale module is not used: the template is compiled from its source (the stale module has no `readme` to run).
    jest.resetModules();
    expect(() => setOf.loadEnvironment(options).template('readme')({})).toThrow(/not defined/);
    expect(() => setOf.precompiledEnvironment(loadModule(fs.readFileSync(file, 'utf8')) as never).template('readme')).toThrow();
  });
});
