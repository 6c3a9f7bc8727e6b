// One function's duration and cost over memory as a Vega-Lite chart: two
// panels side by side sharing the memory axis (log scale: Lambda sizes span
// 128 MB to 10 GB), each with the warm samples, the measured medians, the
// fitted and predicted curves, and the chosen and today's sizes marked.
// Colours: one per architecture, red for the chosen size, grey for today's,
// from one shared scale so a single legend explains every panel.
import type { TopLevelSpec } from 'vega-lite';
import type { FunctionCurves } from './function-curves.ts';

const KEY_COLORS: Record<string, string> = { x86_64: '#2563eb', arm64: '#7c3aed', chosen: '#dc2626', today: '#6b7280' };
const KEY_ORDER = ['x86_64', 'arm64', 'chosen', 'today'];
export const CURVE_TITLES = { fitted: 'fitted (Amdahl)', predicted: 'predicted median' } as const;

export function functionCurveChartSpec(curves: FunctionCurves): TopLevelSpec {
  const present = new Set([...curves.samples, ...curves.curves].map((p) => p.architecture as string));
  for (const mark of curves.marks) present.add(mark.plan);
  const domain = KEY_ORDER.filter((k) => present.has(k));
  const color = { field: 'key', type: 'nominal', title: null, scale: { domain, range: domain.map((k) => KEY_COLORS[k]!) } } as const;
  const x = { field: 'memoryMb', type: 'quantitative', title: 'memory (MB)', scale: { type: 'log', base: 2, domain: curves.memoryRangeMb, nice: false } } as const;
  const keyed = <T extends { architecture: string }>(points: readonly T[]) => points.map((p) => ({ ...p, key: p.architecture }));
  const panel = (field: 'durationMs' | 'costPerMillionUsd', title: string, scaleType: 'log' | 'linear', format: string) => {
    const y = { field, type: 'quantitative', title, scale: scaleType === 'log' ? { type: 'log', nice: true } : { type: 'linear', zero: false, nice: true }, axis: { format } } as const;
    return {
      width: 300,
      height: 210,
      layer: [
        { data: { values: keyed(curves.samples) }, mark: { type: 'point', size: 18, opacity: 0.45 }, encoding: { x, y, color } },
        {
          data: { values: keyed(curves.curves).map((p) => ({ ...p, curve: CURVE_TITLES[p.curve] })) },
          mark: { type: 'line', strokeWidth: 1.6, clip: true },
          encoding: {
            x,
            y,
            color,
            strokeDash: { field: 'curve', type: 'nominal', title: null, scale: { domain: [CURVE_TITLES.predicted, CURVE_TITLES.fitted], range: [[1, 0], [5, 3]] } },
          },
        },
        { data: { values: keyed(curves.measuredMedians) }, mark: { type: 'point', filled: true, size: 64, shape: 'square' }, encoding: { x, y, color } },
        {
          data: { values: curves.marks.map((m) => ({ ...m, key: m.plan })) },
          layer: [
            { mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.2 }, encoding: { x, color } },
            { mark: { type: 'point', filled: true, size: 150, shape: 'diamond', opacity: 1 }, encoding: { x, y, color } },
          ],
        },
      ],
    };
  };
  const fitText = curves.fits
    .map((f) => `${f.architecture}: ${round(f.serialMs)} ms + ${round(f.parallelMs)} ms / min(vCPU, ${f.maxUsefulVcpu.toFixed(2)}), fit error ${f.fitErrorPct.toFixed(1)}%`)
    .join('; ');
  return {
    title: { text: curves.function, subtitle: curves.batch ? `runs as an AWS Batch job on ${curves.batch}; Lambda curves for reference. ${fitText}` : fitText },
    hconcat: [panel('durationMs', 'median warm duration (ms)', 'log', ',.0f'), panel('costPerMillionUsd', 'cost per 1M invocations ($)', 'linear', '$,.2f')],
    resolve: { scale: { color: 'shared', strokeDash: 'shared' } },
  } as TopLevelSpec;
}

function round(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
