// One number in two plans and how it moved. Absent on one side (a function
// added or removed) is null there, and then there is no delta: an added
// function's whole cost is not "an increase of 100 %" of something.
export interface NumberDelta {
  old: number | null;
  new: number | null;
  /** new − old; null when either side is absent. */
  delta: number | null;
  /** (new − old) / old; null when either side is absent or old is 0 (no ratio to a zero). */
  relative: number | null;
}

export function numberDelta(oldValue: number | null | undefined, newValue: number | null | undefined): NumberDelta {
  const a = oldValue ?? null;
  const b = newValue ?? null;
  if (a === null || b === null) return { old: a, new: b, delta: null, relative: null };
  return { old: a, new: b, delta: b - a, relative: a === 0 ? null : (b - a) / a };
}

/**
 * Below this relative size a difference is float noise from stable-json's
 * 10-digit rounding, not a change: two plans of the same deployment must read
 * as unchanged.
 */
const SAME_RELATIVE = 1e-9;

export function isChanged(d: NumberDelta): boolean {
  if (d.old === null || d.new === null) return d.old !== d.new;
  return Math.abs(d.new - d.old) > SAME_RELATIVE * Math.max(Math.abs(d.old), Math.abs(d.new));
}
