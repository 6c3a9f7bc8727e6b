// Where each state of an ASL definition sits: in the top level, in a Map's
// ItemProcessor or in one branch of a Parallel, and whether it is its scope's
// StartAt. The local history (execution-history.ts) needs it to link events the
// way Step Functions does (previousEventId), since the interpreter's event log
// does not say which branch a state ran in. ASL state names are unique across
// the whole state machine, nested ones included, so a name is enough.

export interface StateScope {
  /** '' for the top level; 'map:<Map state>' or 'parallel:<Parallel state>#<branch>'. */
  scope: string;
  /** The Map or Parallel state that holds the scope. */
  parent?: string;
  kind: 'top' | 'map' | 'parallel';
  isStart: boolean;
  type: string;
}

interface StatesNode {
  StartAt?: string;
  States?: Record<string, { Type?: string; Branches?: StatesNode[]; ItemProcessor?: StatesNode; Iterator?: StatesNode }>;
}

export function stateScopes(definition: { StartAt?: string; States?: Record<string, unknown> }): Map<string, StateScope> {
  const scopes = new Map<string, StateScope>();
  const visit = (node: StatesNode, scope: string, kind: StateScope['kind'], parent: string | undefined): void => {
    for (const [name, state] of Object.entries(node.States ?? {})) {
      scopes.set(name, { scope, kind, isStart: node.StartAt === name, type: state.Type ?? 'Task', ...(parent === undefined ? {} : { parent }) });
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) visit(processor, `map:${name}`, 'map', name);
      (state.Branches ?? []).forEach((branch, i) => visit(branch, `parallel:${name}#${i}`, 'parallel', name));
    }
  };
  visit(definition as StatesNode, '', 'top', undefined);
  return scopes;
}
