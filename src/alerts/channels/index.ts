import type { ChannelType } from '../schema.js';
import { dingtalkChannel } from './dingtalk.js';
import { discordChannel } from './discord.js';
import { feishuChannel } from './feishu.js';
import { slackChannel } from './slack.js';
import { teamsChannel } from './teams.js';
import type { ChannelAdapter } from './types.js';
import { webhookChannel } from './webhook.js';
import { wecomChannel } from './wecom.js';

/** Every delivery channel by type. */
export const CHANNELS: Readonly<Record<ChannelType, ChannelAdapter>> = {
  slack: slackChannel,
  teams: teamsChannel,
  feishu: feishuChannel,
  dingtalk: dingtalkChannel,
  wecom: wecomChannel,
  discord: discordChannel,
  webhook: webhookChannel,
};
