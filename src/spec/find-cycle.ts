// Finds one cycle in a dependency map and returns it in order (a needs b needs
// … needs a), so the message can print it. Iterative DFS, O(V + E); steps are
// visited in sorted order so the same spec always reports the same cycle.

export function findCycle(needs: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'active' | 'done'>();
  for (const start of [...needs.keys()].sort()) {
    if (state.has(start)) continue;
    // Each node's needs are sorted once, when it is entered: sorting them at every step back to a
    // node made a fan-out of n steps O(n² log n) (20,000 steps took minutes to validate).
    const sortedNeeds = (id: string): string[] => [...(needs.get(id) ?? [])].sort();
    const stack: Array<{ id: string; next: number; deps: string[] }> = [{ id: start, next: 0, deps: sortedNeeds(start) }];
    state.set(start, 'active');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const deps = frame.deps;
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
        stack.push({ id: dep, next: 0, deps: sortedNeeds(dep) });
      }
    }
  }
  return undefined;
}
