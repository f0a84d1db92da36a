import { generation, generationOptions, runOptions, type GenerationArgs } from './shared-options';
import type { Command } from './types';

export const verifyCommand: Command<GenerationArgs> = {
  command: 'verify',
  describe: 'Render, parse the HCL back with hcl2json and check it against the specs',
  builder: (yargs) => yargs.options(generationOptions).example('$0 verify', 'check every spec round-trips through HCL').strict(),
  handler: async (args) => {
    const api = generation();
    const result = await api.prepare(runOptions(args));
    const stale = result.changes.filter((c) => c.kind !== 'unchanged').length;
    // Escape-hatch manifests are listed so that reviewers see each one and why it is there.
    const manifests = api.manifestUses(result.specs);
    if (manifests.length > 0)
      process.stdout.write(
        `gen-modules: ${manifests.length} manifest(s) outside the typed spec API:\n${manifests.map((m) => `  ${m}\n`).join('')}`,
      );
    // The Terraform files carry the spec; each module's README is read from them.
    const verified = result.files.filter((f) => f.path.endsWith('.tf')).length;
    process.stdout.write(
      `gen-modules: ${verified} file(s) verified against their specs${stale ? `; ${stale} differ from disk (run gen-modules)` : ''}\n`,
    );
  },
};
