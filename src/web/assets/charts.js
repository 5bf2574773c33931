// Time-series charts with uPlot (bundled from node_modules, served same-origin). uPlot draws on a
// canvas and sets sizes through the CSSOM, so it needs no inline <style> and passes the CSP.
import uPlot from '/assets/vendor/uPlot.esm.js';
import { t } from './i18n.js';

const live = new Map();

const COLORS = { volume: '#5b7fa6', pos: '#1e8449', neg: '#c0392b', net: '#8e44ad' };

function size(container) {
  return { width: Math.max(280, container.clientWidth - 8), height: 200 };
}

/** Destroys the previous chart in a container before drawing a new one (no leaked listeners). */
function mount(container, opts, data) {
  live.get(container)?.destroy();
  container.replaceChildren();
  const chart = new uPlot({ ...size(container), ...opts }, data, container);
  live.set(container, chart);
  // For tests and screen readers: how many buckets carry data.
  container.dataset.points = String(data[0].length);
  container.dataset.nonzero = String(data[1].filter((v) => v != null && v !== 0).length);
  return chart;
}

const seconds = (points) => points.map((p) => Date.parse(p.bucket) / 1000);

/** Volume per bucket as bars, with positive and negative counts as lines over them. */
export function drawVolume(container, points) {
  const bars = uPlot.paths.bars({ size: [0.8, 40] });
  return mount(
    container,
    {
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      series: [
        {},
        { label: t('ov.volume'), stroke: COLORS.volume, fill: 'rgba(91,127,166,0.35)', paths: bars, points: { show: false } },
        { label: t('pos'), stroke: COLORS.pos, width: 1.5, points: { show: false } },
        { label: t('neg'), stroke: COLORS.neg, width: 1.5, points: { show: false } },
      ],
      axes: [{}, { size: 44 }],
    },
    [seconds(points), points.map((p) => p.volume), points.map((p) => p.pos), points.map((p) => p.neg)],
  );
}

/** Net sentiment ((pos − neg) / volume) per bucket on a fixed −1…1 scale; empty buckets are gaps. */
export function drawNet(container, points) {
  return mount(
    container,
    {
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: [-1, 1] } },
      series: [{}, { label: t('ov.net'), stroke: COLORS.net, width: 2, spanGaps: true, points: { size: 4 } }],
      axes: [{}, { size: 44 }],
    },
    [seconds(points), points.map((p) => (p.volume ? p.netSentiment : null))],
  );
}

/** Keeps charts as wide as their cards when the window changes size. */
addEventListener('resize', () => {
  for (const [container, chart] of live) {
    if (container.isConnected) chart.setSize(size(container));
    else {
      chart.destroy();
      live.delete(container);
    }
  }
});
