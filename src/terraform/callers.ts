/**
 * The `module/*` rules judge a `module` block against the variables of the
 * module it calls. They run on the called module's instance, which the loader
 * builds with its caller (`TfModule.caller`), and report in the caller's file.
 */
import type { Attribute, ModuleCall, TfModule, Variable } from './types';

/** Arguments of a `module` block that Terraform itself handles. */
const MODULE_META_ARGUMENTS: ReadonlySet<string> = new Set(['source', 'version', 'count', 'for_each', 'depends_on', 'providers']);

export interface CallerView {
  call: ModuleCall;
  /** The call's arguments meant for the module's variables. */
  arguments: Attribute[];
  variables: ReadonlyMap<string, Variable>;
  /** `module.k8s_grafana (./modules-k8s/grafana)`, for messages. */
  label: string;
}

/**
 * The call this module instance was built for, or nothing when the module is
 * linted standalone, or when it or its caller did not parse: a file that failed
 * to parse may have lost variables or arguments, and every argument would then
 * look unknown, or every variable unpassed.
 */
export function callerView(module: TfModule): CallerView | undefined {
  const caller = module.caller;
  if (!caller || module.parseErrors.length > 0 || caller.module.parseErrors.length > 0) return undefined;
  const { call } = caller;
  return {
    call,
    arguments: Object.values(call.block.attributes).filter((attribute) => !MODULE_META_ARGUMENTS.has(attribute.name)),
    variables: new Map(module.variables.map((variable) => [variable.name, variable])),
    label: `module.${call.name} (${call.source ?? 'local'})`,
  };
}
