// Facts about a map's width distribution that several phases need.
import type { WidthDistribution } from './types.ts';

export function meanWidth(width: WidthDistribution): number {
  switch (width.kind) {
    case 'fixed':
      return width.width;
    case 'uniform':
      return (width.min + width.max) / 2;
    case 'discrete':
      return width.values.reduce((sum, value, i) => sum + value * (width.probabilities[i] ?? 0), 0);
  }
}

export function maxWidth(width: WidthDistribution): number {
  switch (width.kind) {
    case 'fixed':
      return width.width;
    case 'uniform':
      return width.max;
    case 'discrete':
      return Math.max(...width.values);
  }
}
