import { defineConfig } from 'gen-modules';

/**
 * The linter's configuration for this repository: the built-in constitution.
 * The exceptions the specs take on purpose travel with the generated code, as
 * inline suppressions that carry their reasons, so the modules lint the same
 * wherever they are copied.
 */
export default defineConfig({});
