import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../../src/alerts/channels/types.js';
import { sampleAlert } from '../../src/alerts/sample.js';
import type { ChannelConfig } from '../../src/alerts/schema.js';
import { sendAlert } from '../../src/alerts/send.js';
import { startReceiver, type Receiver } from './receiver.js';

const NOW = new Date('2026-03-03T12:05:00.000Z');
const SECRET = 'SEC0123456789abcdef';
const deps = { fetch, now: () => NOW };
const alert = sampleAlert(NOW, 'http://koubei.test');

// Independent re-implementations of each platform's documented check, as a receiver would do it.
function feishuExpected(timestamp: string, secret: string): string {
  const key = Buffer.from(`${timestamp}\n${secret}`, 'utf8');
  return createHmac('sha256', key).update(Buffer.alloc(0)).digest('base64');
}
function dingtalkExpected(timestamp: string, secret: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(`${timestamp}\n${secret}`, 'utf8')).digest('base64');
}
function webhookVerify(timestamp: string, rawBody: string, header: string, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

let receiver: Receiver;
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(() => receiver.close());

const channel = (type: ChannelConfig['type'], extra: Partial<ChannelConfig> = {}): ChannelConfig => ({
  id: `${type}-test`,
  type,
  url: `${receiver.url}/${type}`,
  lang: 'en',
  ...extra,
});
const lastBody = () => JSON.parse(receiver.requests.at(-1)!.body);

describe('alert channels', () => {
  it('slack: header, signal, field, sample and action blocks with a text fallback', async () => {
    receiver.handle = () => ({ body: 'ok' });
    await sendAlert(alert, channel('slack'), deps, { idempotencyKey: 'k-slack' });
    const body = lastBody();
    expect(body.text).toContain('SampleBrand');
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'section', 'section', 'actions']);
    expect(body.blocks[0].text).toMatchObject({ type: 'plain_text' });
    expect(body.blocks[1].text.text).toContain('14 negative mentions with crisis terms');
    expect(body.blocks[3].text.text).toContain('https://example.com/sample/1');
    expect(body.blocks[4].elements[0]).toMatchObject({ type: 'button', url: 'http://koubei.test/' });
  });

  it('teams: a message envelope with one Adaptive Card attachment', async () => {
    receiver.handle = () => ({ status: 202, body: '' });
    await sendAlert(alert, channel('teams'), deps, { idempotencyKey: 'k-teams' });
    const body = lastBody();
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.attachments[0].content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', weight: 'Bolder', color: 'attention' });
    expect(card.actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: 'http://koubei.test/' });
  });

  it('feishu: interactive card in Chinese, timestamp in seconds and a sign the receiver can verify', async () => {
    receiver.handle = (req) => {
      const body = JSON.parse(req.body);
      const ok = body.sign === feishuExpected(body.timestamp, SECRET);
      return { body: ok ? { code: 0, msg: 'success', data: {} } : { code: 19021, msg: 'sign match fail', data: {} } };
    };
    await sendAlert(alert, channel('feishu', { secret: SECRET, lang: 'zh' }), deps, { idempotencyKey: 'k-feishu' });
    const body = lastBody();
    expect(body.timestamp).toBe(String(Math.floor(NOW.getTime() / 1000)));
    expect(body.msg_type).toBe('interactive');
    expect(body.card.header).toMatchObject({ title: { tag: 'plain_text' }, template: 'red' });
    expect(body.card.header.title.content).toContain('【严重】SampleBrand');
    expect(body.card.elements[0].text).toMatchObject({ tag: 'lark_md' });
    expect(body.card.elements[0].text.content).toContain('含危机词的负面提及 14 条');
    const wrong = sendAlert(alert, channel('feishu', { secret: 'other' }), deps, { idempotencyKey: 'k-feishu-2' });
    await expect(wrong).rejects.toMatchObject({ name: 'ChannelError', retryable: false });
  });

  it('dingtalk: markdown, ms timestamp and URL-encoded sign in the query next to access_token', async () => {
    receiver.handle = (req) => {
      const query = new URL(req.rawUrl, receiver.url).searchParams;
      const ok = query.get('sign') === dingtalkExpected(query.get('timestamp')!, SECRET);
      return { body: ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' } };
    };
    await sendAlert(alert, channel('dingtalk', { url: `${receiver.url}/robot/send?access_token=tok123`, secret: SECRET }), deps, { idempotencyKey: 'k-ding' });
    const raw = receiver.requests.at(-1)!.rawUrl;
    const query = new URL(raw, receiver.url).searchParams;
    expect(query.get('access_token')).toBe('tok123');
    expect(query.get('timestamp')).toBe(String(NOW.getTime()));
    const rawSign = /[?&]sign=([^&]*)/.exec(raw)![1];
    expect(rawSign).toBe(encodeURIComponent(dingtalkExpected(String(NOW.getTime()), SECRET)));
    const body = lastBody();
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toContain('SampleBrand');
    expect(body.markdown.text).toContain('### ');
  });

  it('dingtalk: "too fast" is retryable, a sign mismatch is not', async () => {
    receiver.handle = (_req, i) => ({ body: i === 0 ? { errcode: 130101, errmsg: 'send too fast' } : { errcode: 310000, errmsg: 'sign not match' } });
    const ding = channel('dingtalk', { url: `${receiver.url}/robot/send?access_token=t` });
    await expect(sendAlert(alert, ding, deps, { idempotencyKey: 'a' })).rejects.toMatchObject({ retryable: true });
    await expect(sendAlert(alert, ding, deps, { idempotencyKey: 'b' })).rejects.toMatchObject({ retryable: false });
  });

  it('feishu, dingtalk, wecom: an answer that is no JSON object is a retryable failure, never a success', async () => {
    for (const [type, body] of [['feishu', 'null'], ['dingtalk', '[]'], ['wecom', '1'], ['feishu', '<html>busy</html>']] as const) {
      receiver.handle = () => ({ body });
      await expect(sendAlert(alert, channel(type), deps, { idempotencyKey: `k-${type}-${body}` }), `${type} ${body}`).rejects.toMatchObject({
        retryable: true,
        message: expect.stringContaining(`expected a JSON object answer, found "${body}"`),
      });
    }
  });

  it('wecom: markdown within 4096 bytes even with very long Chinese samples', async () => {
    receiver.handle = () => ({ body: { errcode: 0, errmsg: 'ok' } });
    const long = { ...alert, samples: alert.samples.map((s) => ({ ...s, text: '拉肚子'.repeat(700) })) };
    await sendAlert(long, channel('wecom', { lang: 'zh' }), deps, { idempotencyKey: 'k-wecom' });
    const body = lastBody();
    expect(body.msgtype).toBe('markdown');
    expect(Buffer.byteLength(body.markdown.content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(body.markdown.content).toContain('https://example.com/sample/3');
  });

  it('wecom: keeps the dashboard link when even the shortest samples do not fit (very long author names)', async () => {
    receiver.handle = () => ({ body: { errcode: 0, errmsg: 'ok' } });
    const named = { ...alert, samples: alert.samples.map((s) => ({ ...s, author: '很长的名字'.repeat(300) })) };
    await sendAlert(named, channel('wecom', { lang: 'zh' }), deps, { idempotencyKey: 'k-wecom-names' });
    const content: string = lastBody().markdown.content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(content.endsWith('(http://koubei.test/)')).toBe(true);
  });

  it('discord: one embed, and user text can never ping (allowed_mentions.parse = [])', async () => {
    receiver.handle = () => ({ status: 204, body: '' });
    await sendAlert(alert, channel('discord'), deps, { idempotencyKey: 'k-discord' });
    const body = lastBody();
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds).toHaveLength(1);
    expect(body.embeds[0]).toMatchObject({ url: 'http://koubei.test/', color: 0xeb5757, timestamp: NOW.toISOString() });
    expect(body.embeds[0].title.length).toBeLessThanOrEqual(256);
    expect(JSON.stringify(body.embeds[0].fields)).toContain('@everyone');
  });

  it('slack, feishu, dingtalk and wecom: a post can neither ping people nor disguise a link', async () => {
    const hostile = '<!channel> 退款 <https://evil.example/refund|点此领取退款> [点此领取退款](https://evil.example) <at id=all></at> <@zhangsan>';
    const crafted = { ...alert, samples: alert.samples.map((s) => ({ ...s, text: hostile, author: '<@boss>', url: 'https://ex.com/p?a=1&b=(2)' })) };
    const bodies: Record<string, string> = {};
    for (const [type, ok] of [['slack', 'ok'], ['feishu', { code: 0 }], ['dingtalk', { errcode: 0 }], ['wecom', { errcode: 0 }]] as const) {
      receiver.handle = () => ({ body: ok });
      await sendAlert(crafted, channel(type, { lang: 'zh' }), deps, { idempotencyKey: `k-hostile-${type}` });
      bodies[type] = receiver.requests.at(-1)!.body;
    }
    expect(bodies.slack).toContain('&lt;!channel&gt;');
    expect(bodies.slack).toContain('<https://ex.com/p?a=1&amp;b=(2)|link>');
    for (const [type, body] of Object.entries(bodies)) {
      for (const live of ['<!channel>', '<https://evil', '<at id=all>', '<@zhangsan>', '<@boss>']) expect(body, `${type}: ${live}`).not.toContain(live);
    }
    // Markdown links are links in the markdown dialects only (Slack links are <url|text>).
    for (const type of ['feishu', 'dingtalk', 'wecom']) {
      expect(bodies[type], type).not.toContain('](https://evil');
      expect(bodies[type], type).toContain('＜at id=all＞');
      expect(bodies[type], type).toContain('[link](https://ex.com/p?a=1&b=%282%29)');
    }
  });

  it('webhook: JSON alert, idempotency key and an HMAC signature over timestamp.body', async () => {
    receiver.handle = (req) => {
      const ok = webhookVerify(String(req.headers['x-koubei-timestamp']), req.body, String(req.headers['x-koubei-signature']), SECRET);
      return { status: ok ? 200 : 401 };
    };
    await sendAlert(alert, channel('webhook', { secret: SECRET }), deps, { idempotencyKey: 'k-hook' });
    const req = receiver.requests.at(-1)!;
    expect(req.headers['idempotency-key']).toBe('k-hook');
    expect(req.headers['x-koubei-timestamp']).toBe(String(Math.floor(NOW.getTime() / 1000)));
    expect(req.headers['x-koubei-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ id: 'k-hook', type: 'koubei.alert', lang: 'en' });
    expect(body.alert).toMatchObject({ id: 0, brandId: 'sample', severity: 'critical' });
    expect(body.alert.samples).toHaveLength(3);
    const bad = sendAlert(alert, channel('webhook', { secret: 'wrong' }), deps, { idempotencyKey: 'k-hook-2' });
    await expect(bad).rejects.toMatchObject({ status: 401, retryable: false });
  });

  it('maps server errors and unreachable hosts to retryable channel errors without leaking the URL', async () => {
    receiver.handle = () => ({ status: 503, body: 'busy' });
    await expect(sendAlert(alert, channel('slack'), deps, { idempotencyKey: 'x' })).rejects.toMatchObject({ retryable: true, status: 503 });
    const closed = channel('slack', { url: 'http://127.0.0.1:9/services/T000/SECRETTOKEN' });
    const err = await sendAlert(alert, closed, deps, { idempotencyKey: 'y' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect((err as ChannelError).retryable).toBe(true);
    expect((err as ChannelError).message).not.toContain('SECRETTOKEN');
  });
});
