// Charts through the vendored Chart.js (lib/chart.umd.min.js, loaded as a classic script: window.Chart).
// Protected, suppressed or missing figures are gaps in a line (null), never zeros; the tables next to the charts mark them.
import { h, uid } from './ui.js';

const PALETTE = ['#2f5d8a', '#c0504d', '#4f9a6b', '#d08a1e', '#7a5aa6', '#3f9fb5'];

function base(title) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: { position: 'bottom' },
      title: { display: !!title, text: title },
      tooltip: { callbacks: {} },
    },
  };
}

/** A chart in a labelled box; `describe` is the text alternative read by screen readers. */
function chartBox(config, describe) {
  const id = uid('chart');
  const canvas = h('canvas', { id, role: 'img', 'aria-label': describe });
  const box = h('div', { class: 'chart-box' }, canvas);
  // Drawn after the box is in the document, so Chart.js can measure it.
  queueMicrotask(() => {
    if (!window.Chart) throw new Error('Chart.js is not loaded (lib/chart.umd.min.js).');
    new window.Chart(canvas, config);
  });
  return box;
}

/**
 * Lines over periods. series: [{ label, values: [number|null], notes?: [string|null] }]; null values (protected or no
 * data) are gaps. A point with a note (an incomplete figure: "incomplete, 6 of 30 reports") is drawn hollow, as a
 * triangle, with a dashed line to it, so a fall caused by missing reports does not read as a fall in cases.
 */
export function lineChart(labels, series, options = {}) {
  const marked = (s, i) => !!(s.notes && s.notes[i]);
  const config = {
    type: 'line',
    data: {
      labels,
      datasets: series.map((s, i) => {
        const colour = PALETTE[i % PALETTE.length];
        return {
          label: s.label, data: s.values, borderColor: colour, backgroundColor: colour, notes: s.notes || [],
          spanGaps: false, tension: 0.2,
          pointRadius: s.values.map((_, j) => marked(s, j) ? 5 : 3),
          pointStyle: s.values.map((_, j) => marked(s, j) ? 'triangle' : 'circle'),
          pointBackgroundColor: s.values.map((_, j) => marked(s, j) ? '#ffffff' : colour),
          segment: { borderDash: ctx => marked(s, ctx.p0DataIndex) || marked(s, ctx.p1DataIndex) ? [5, 4] : undefined },
        };
      }),
    },
    options: { ...base(options.title), scales: { y: { beginAtZero: true, title: { display: !!options.yTitle, text: options.yTitle } } } },
  };
  config.options.plugins.tooltip.callbacks.label = ctx => {
    if (ctx.raw === null) return `${ctx.dataset.label}: ${ctx.dataset.notes[ctx.dataIndex] || 'protected or no data'}`;
    const note = ctx.dataset.notes[ctx.dataIndex];
    return `${ctx.dataset.label}: ${ctx.formattedValue}${note ? ` (${note})` : ''}`;
  };
  return chartBox(config, options.describe || options.title || series.map(s => s.label).join(', '));
}

/** Grouped bars. series: [{ label, values }]; percent: the axis runs 0-100. */
export function barChart(labels, series, options = {}) {
  const config = {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: s.color || PALETTE[i % PALETTE.length] })),
    },
    options: {
      ...base(options.title),
      indexAxis: options.horizontal ? 'y' : 'x',
      scales: options.stacked
        ? { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }
        : { [options.horizontal ? 'x' : 'y']: { beginAtZero: true, max: options.percent ? 100 : undefined, title: { display: !!options.percent, text: options.percent ? '%' : '' } } },
    },
  };
  config.options.plugins.tooltip.callbacks.label = ctx => ctx.raw === null ? `${ctx.dataset.label}: suppressed` : `${ctx.dataset.label}: ${ctx.formattedValue}${options.percent ? ' %' : ''}`;
  return chartBox(config, options.describe || options.title || series.map(s => s.label).join(', '));
}
