import path from 'node:path';
import { Project } from 'ts-morph';
import { UserError } from '../../src/errors';
import { registerService } from '../../src/scaffold/register';
import { skeleton } from '../../src/scaffold/skeleton';
import { REPO } from '../support/tmp';

describe('registerService edits the index through its syntax tree', () => {
  test('a multi-line services array gets the name on its own line, with a trailing comma kept', () => {
    const index = [
      "import grafana from './grafana';",
      "import stack from './stack';",
      '',
      'export { stack };',
      '',
      'export const services = [',
      '  grafana,',
      '];',
      '',
    ].join('\n');
    expect(registerService('specs/index.ts', index, 'home-assistant')).toBe(
      [
        "import grafana from './grafana';",
        "import homeAssistant from './home-assistant';",
        "import stack from './stack';",
        '',
        'export { stack };',
        '',
        'export const services = [',
        '  grafana,',
        '  homeAssistant,',
        '];',
        '',
      ].join('\n'),
    );
  });

  test('follows double quotes, reaches into `as const`, and keeps comments (imports end with a blank line)', () => {
    const index = 'import a from "./a";\n// the list\nexport const services = [a] as const;\n';
    expect(registerService('index.ts', index, 'b')).toBe(
      'import a from "./a";\nimport b from "./b";\n\n// the list\nexport const services = [a, b] as const;\n',
    );
  });

  test('a name that is a keyword or already used gets a suffix', () => {
    const index = "import stack from './stack';\nconst nginx = 1;\nexport const services = [];\n";
    expect(registerService('index.ts', index, 'new')).toContain("import newService from './new';");
    expect(registerService('index.ts', index, 'nginx')).toContain("import nginxService from './nginx';");
  });

  test('an index without an exported services array, or already importing the spec, is refused', () => {
    expect(() => registerService('specs/index.ts', 'export const stack = 1;\n', 'a')).toThrow(
      new UserError('specs/index.ts: no exported `services` array to add the new service to'),
    );
    expect(() => registerService('specs/index.ts', 'export const services = all();\n', 'a')).toThrow(UserError);
    expect(() => registerService('specs/index.ts', "import a from './a';\nexport const services = [a];\n", 'a')).toThrow(
      "already imports './a'",
    );
  });
});

describe('the skeleton', () => {
  const project = new Project({
    compilerOptions: {
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      skipLibCheck: true,
      paths: { 'gen-modules': [path.join(REPO, 'src', 'index.ts')] },
    },
    skipAddingFilesFromTsConfig: true,
  });
  const diagnostics = (text: string): string =>
    project.formatDiagnosticsWithColorAndContext(
      project.createSourceFile(path.join(REPO, 'specs', 'scaffolded-example.ts'), text, { overwrite: true }).getPreEmitDiagnostics(),
    );

  test('type-checks against the spec API (strict)', () => {
    expect(diagnostics(skeleton('uptime-kuma'))).toBe('');
  });

  test('the check is real: a misspelt field is an error', () => {
    expect(diagnostics(skeleton('uptime-kuma').replace('containerPort:', 'containerport:'))).toContain('containerport');
  });
});
