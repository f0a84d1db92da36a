import type { ConfigValue } from 'gen-modules';

/** The part of Alertmanager's configuration the stack uses, typed. */
export interface Route {
  receiver: string;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  matchers?: string[];
  continue?: boolean;
  routes?: Route[];
}

export interface EmailConfig {
  to: ConfigValue;
  from: ConfigValue;
  smarthost: ConfigValue;
  auth_username: ConfigValue;
  /** A file holding the password (mounted from the service's Secret): never a literal password. */
  auth_password_file: string;
  require_tls?: boolean;
  send_resolved?: boolean;
}

export interface WebhookConfig {
  /** A file holding the URL (it often carries a token). */
  url_file: string;
  send_resolved?: boolean;
}

export interface Receiver {
  name: string;
  email_configs?: EmailConfig[];
  webhook_configs?: WebhookConfig[];
}

export interface InhibitRule {
  source_matchers: string[];
  target_matchers: string[];
  equal: string[];
}

export interface AlertmanagerConfig {
  route: Route;
  receivers: Receiver[];
  inhibit_rules?: InhibitRule[];
}

/** Typed config → plain config data for the ConfigMap. */
export function alertmanagerConfig(config: AlertmanagerConfig): ConfigValue {
  return config as unknown as ConfigValue;
}
