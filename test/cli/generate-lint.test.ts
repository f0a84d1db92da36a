import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../support/cli';
import { readTree, REPO, tempDir } from '../support/tmp';

/** generate lints what it rendered before writing; --only keeps the root block; out/ follows --specs. */
function project(): string {
  const dir = tempDir('gen-modules-lint-');
  fs.cpSync(path.join(REPO, 'specs'), path.join(dir, 'specs'), { recursive: true });
  return dir;
}

/** `gen-modules new uptime-kuma`, then the real image with its data on a claim of the persistent (network) class. */
function addUptimeKuma(dir: string): void {
  expect(runCli(['new', 'uptime-kuma'], dir).status).toBe(0);
  const file = path.join(dir, 'specs', 'uptime-kuma.ts');
  const spec = fs
    .readFileSync(file, 'utf8')
    .replace("image: { name: 'traefik/whoami', tag: 'v1.10.3' },", "image: { name: 'louislam/uptime-kuma', tag: '1.23.16' },")
    .replace(
      'securityContext: { readOnlyRootFilesystem',
      "volumeMounts: [{ volume: 'data', mountPath: '/app/data' }],\n      securityContext: { readOnlyRootFilesystem",
    )
    .replace('  service: {', "  persistence: { data: { size: '1Gi' } },\n  service: {");
  fs.writeFileSync(file, spec);
}

describe('a scaffolded Uptime Kuma whose SQLite database is on glusterfs-nfs', () => {
  const dir = project();
  beforeAll(() => addUptimeKuma(dir));

  test('is refused at generate time: exit 1, the findings printed, nothing written', () => {
    const run = runCli([], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('out/modules-k8s/uptime-kuma/main.tf:');
    expect(run.stderr).toContain('error  storage/sqlite-on-network  Image "louislam/uptime-kuma" keeps a SQLite database under /app/data');
    expect(run.stderr).toContain('nothing written (--no-lint writes anyway)');
    expect(run.stdout).toBe('');
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('--no-lint writes it anyway; the placeholder description is a warning', () => {
    const run = runCli(['--no-lint'], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'gen-modules: warning: specs/uptime-kuma.ts: description: still a placeholder ("Uptime Kuma: TODO say what it does."); it is the comment above module "k8s_uptime_kuma" in kubernetes.tf\n',
    );
    expect(fs.existsSync(path.join(dir, 'out', 'modules-k8s', 'uptime-kuma', 'main.tf'))).toBe(true);
  });
});

describe('--only', () => {
  test('writes the service module and its block in kubernetes.tf, so --check passes after it', () => {
    const dir = project();
    expect(runCli(['--only', 'prometheus', 'grafana'], dir).status).toBe(0);
    const written = readTree(path.join(dir, 'out'));
    expect(written['kubernetes.tf']).toBe(fs.readFileSync(path.join(REPO, 'out', 'kubernetes.tf'), 'utf8'));
    expect(Object.keys(written).filter((f) => f.includes('meshery'))).toEqual([]);
    expect(runCli(['--only', 'prometheus', 'grafana', '--check'], dir)).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('without --out, the output goes beside the specs folder', () => {
  test('verify --specs <dir> compares with <dir>/../out, not the working folder out/', () => {
    const dir = project();
    const other = path.join(dir, 'elsewhere');
    fs.mkdirSync(other);
    fs.cpSync(path.join(REPO, 'specs'), path.join(other, 'specs'), { recursive: true });
    const alertmanager = path.join(other, 'specs', 'alertmanager.ts');
    fs.writeFileSync(alertmanager, fs.readFileSync(alertmanager, 'utf8').replace("tag: 'v0.27.0'", "tag: 'v0.28.1'"));
    // The working folder's out/ is the built-in stack, up to date with ./specs.
    fs.cpSync(path.join(REPO, 'out'), path.join(dir, 'out'), { recursive: true });
    const verify = runCli(['verify', '--specs', 'elsewhere/specs'], dir);
    expect(verify.status).toBe(0);
    // Nothing generated beside elsewhere/specs yet: every file differs from disk there.
    expect(verify.stdout).toBe('gen-modules: 32 file(s) verified against their specs; 38 differ from disk (run gen-modules)\n');
    expect(runCli(['--specs', 'elsewhere/specs'], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(other, 'out', 'modules-k8s', 'alertmanager', 'variables.tf'), 'utf8')).toContain('"v0.28.1"');
    expect(fs.readFileSync(path.join(dir, 'out', 'modules-k8s', 'alertmanager', 'variables.tf'), 'utf8')).toContain('"v0.27.0"');
  });
});
