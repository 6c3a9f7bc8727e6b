// After a Parallel state the state is an array with one state per branch.
// Each branch holds the outputs it produced plus what it was given, so the
// union of their `out` (and `sched`) objects is the state the next step
// needs: a balanced tree of States.JsonMerge (shallow: the keys are step
// names) in the Parallel's ResultSelector, nested ceil(log2 branches) deep,
// which stays within Step Functions' nesting limit of 10 up to 1024 branches.
import { DagcUserError } from '../../diagnostics/diagnostic.ts';
import { codegenDiagnostics } from '../../diagnostics/codegen.ts';
import { BAG_FIELDS } from '../../runtime/lambda/state-bag.ts';

const MAX_NESTING = 10;

export function mergeSelector(branches: number, firstStep: string): Record<string, string> {
  if (Math.ceil(Math.log2(branches)) > MAX_NESTING) throw new DagcUserError([codegenDiagnostics.mapTooWide(firstStep, branches)]);
  const indices = Array.from({ length: branches }, (_, i) => i);
  return {
    [`${BAG_FIELDS.exec}.$`]: `$[0].${BAG_FIELDS.exec}`,
    [`${BAG_FIELDS.input}.$`]: `$[0].${BAG_FIELDS.input}`,
    [`${BAG_FIELDS.outputs}.$`]: merged(indices, BAG_FIELDS.outputs),
    [`${BAG_FIELDS.schedule}.$`]: merged(indices, BAG_FIELDS.schedule),
  };
}

function merged(indices: number[], field: string): string {
  if (indices.length === 1) return `$[${indices[0]}].${field}`;
  const half = Math.ceil(indices.length / 2);
  return `States.JsonMerge(${merged(indices.slice(0, half), field)}, ${merged(indices.slice(half), field)}, false)`;
}
