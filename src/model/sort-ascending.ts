// Numbers sorted ascending, in place. The runtime's comparator sort allocates
// a work area on every call; building 20k duration models sorts each size's
// few samples several times, and those sorts were a tenth of everything a
// 20k-step optimization allocated. Short arrays (a profile's samples at one
// size) take an insertion sort, longer ones the built-in sort. The order is
// the same either way: equal numbers are interchangeable.

/** Past this length the built-in sort is used. */
const INSERTION_MAX = 32;

export function sortAscending(values: number[]): number[] {
  if (values.length > INSERTION_MAX) return values.sort((a, b) => a - b);
  for (let i = 1; i < values.length; i += 1) {
    const x = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > x) {
      values[j + 1] = values[j]!;
      j -= 1;
    }
    values[j + 1] = x;
  }
  return values;
}
