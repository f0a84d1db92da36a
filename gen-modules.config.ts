import { defineConfig } from 'gen-modules';

/**
 * The linter's configuration for this repository: the built-in constitution,
 * plus the exceptions its specs take on purpose, each with its reason.
 */
export default defineConfig({
  constitution: {
    exceptions: [
      {
        rule: 'storage/persistent-class',
        workload: 'prometheus',
        class: 'local-path',
        reason: 'Prometheus TSDB on local-path because its TSDB is unsupported on NFS (its documentation warns of corruption).',
      },
    ],
  },
});
