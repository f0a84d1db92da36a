/**
 * The public API of gen-modules for spec and configuration files:
 * `import { defineService, defineStack, defineConfig } from 'gen-modules'`.
 */
export { defineService, defineStack, tpl, variable } from './spec-api/define';
export type { ConfigValue, ServiceInput, StackInput } from './spec-api/schema';
export { defineConfig, type GenModulesConfig } from './lint/define-config';
