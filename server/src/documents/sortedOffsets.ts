/**
 * The index of the last of `sorted[0, count)` (ascending offsets, the first one 0) at or before `offset`: the line
 * holding an offset in a table of line starts, or the piece holding it in a table of piece starts.
 */
export function lastAtOrBefore(sorted: ArrayLike<number>, count: number, offset: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((sorted[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
