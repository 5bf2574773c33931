import { DEFAULT_ALERT_RULES, type AlertRule } from '../analytics/alerts/rules.js';
import type { Store } from '../store/types.js';
import type { AlertsConfig, ChannelType } from './schema.js';

/**
 * Rules live in config and may be replaced through the API. The API's set is stored under
 * `rules.api` and wins until deleted; the config's rules and channel list are mirrored into the
 * store at start-up (`rules.config`, `channels`) so the API can show them without holding config.
 */
const API_KEY = 'rules.api';
const CONFIG_KEY = 'rules.config';
const CHANNELS_KEY = 'channels';

/** A channel as the API may show it: no URL or secret. */
export interface ChannelSummary {
  id: string;
  type: ChannelType;
  lang: 'zh' | 'en';
}

export interface RuleSettings {
  rules: AlertRule[];
  origin: 'api' | 'config' | 'default';
  updatedAt: string | null;
  channels: ChannelSummary[];
}

/** Mirrors the config's rules and channel ids into the store (no secrets). */
export async function syncConfigSettings(store: Store, config: AlertsConfig, now: number): Promise<void> {
  await store.alerts.putSetting(CONFIG_KEY, config.rules, now);
  await store.alerts.putSetting(CHANNELS_KEY, config.channels.map(({ id, type, lang }) => ({ id, type, lang })), now);
}

/** The rules detection uses: the API's set when there is one, else the config's. */
export async function effectiveRules(store: Store, configRules: AlertRule[]): Promise<AlertRule[]> {
  return (await store.alerts.getSetting<AlertRule[]>(API_KEY))?.value ?? configRules;
}

/** What `GET /api/alert-rules` shows. */
export async function readRuleSettings(store: Store): Promise<RuleSettings> {
  const api = await store.alerts.getSetting<AlertRule[]>(API_KEY);
  const config = await store.alerts.getSetting<AlertRule[]>(CONFIG_KEY);
  const channels = (await store.alerts.getSetting<ChannelSummary[]>(CHANNELS_KEY))?.value ?? [];
  const chosen = api ? { ...api, origin: 'api' as const } : config ? { ...config, origin: 'config' as const } : undefined;
  return {
    rules: chosen?.value ?? DEFAULT_ALERT_RULES,
    origin: chosen?.origin ?? 'default',
    updatedAt: chosen ? new Date(chosen.updatedAt).toISOString() : null,
    channels,
  };
}

/** Replaces the rules through the API (validated by the caller). */
export async function saveApiRules(store: Store, rules: AlertRule[], now: number): Promise<void> {
  await store.alerts.putSetting(API_KEY, rules, now);
}

/** Drops the API's rules so the config's apply again. */
export async function resetApiRules(store: Store): Promise<void> {
  await store.alerts.deleteSetting(API_KEY);
}
