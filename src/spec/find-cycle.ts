// Finds one cycle in a dependency map and returns it in order (a needs b needs
// … needs a), so the message can print it. Iterative DFS, O(V + E); steps are
// visited in sorted order so the same spec always reports the same cycle.

export function findCycle(needs: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'active' | 'done'>();
  for (const start of [...needs.keys()].sort()) {
    if (state.has(start)) continue;
    const stack: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    state.set(start, 'active');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const deps = [...(needs.get(frame.id) ?? [])].sort();
      if (frame.next >= deps.length) {
        state.set(frame.id, 'done');
        stack.pop();
        continue;
      }
      const dep = deps[frame.next]!;
      frame.next += 1;
      const seen = state.get(dep);
      if (seen === 'active') {
        const from = stack.findIndex((f) => f.id === dep);
        return stack.slice(from).map((f) => f.id);
      }
      if (seen === undefined) {
        state.set(dep, 'active');
        stack.push({ id: dep, next: 0 });
      }
    }
  }
  return undefined;
}
