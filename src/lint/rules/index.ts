import type { AnyRule } from '../rule';
import { byKey } from '../../util/compare';
import { consistencyRules } from './consistency';
import { conventionsRules } from './conventions';
import { healthRules } from './health';
import { ingressRules } from './ingress';
import { moduleRules } from './module';
import { observabilityRules } from './observability';
import { rbacRules } from './rbac';
import { resourcesRules } from './resources';
import { schemaRules } from './schema';
import { secretsRules } from './secrets';
import { storageRules } from './storage';
import { terraformRules } from './terraform';

/** Every rule, sorted by id. A rule that is not listed here does not run. */
export const allRules: AnyRule[] = [
  ...consistencyRules,
  ...conventionsRules,
  ...healthRules,
  ...ingressRules,
  ...moduleRules,
  ...observabilityRules,
  ...rbacRules,
  ...resourcesRules,
  ...schemaRules,
  ...secretsRules,
  ...storageRules,
  ...terraformRules,
].sort(byKey((rule) => rule.id));
