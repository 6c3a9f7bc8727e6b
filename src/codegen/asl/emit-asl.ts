// Renders a plan as an Amazon States Language definition (JSONPath). It walks
// the emit tree (the staged series-parallel structure with fusion groups
// collapsed, emit-tree.ts) right to left, so every state knows its Next:
//  - an unfused task → a Lambda Task; a fusion group → ONE Lambda Task;
//  - an unfused map → a Map state (Inline, or Distributed with Express
//    children when the plan says so) over the chunk lists in the state, one
//    Lambda invoke per chunk of bundleSize items (the portable form of
//    bundling: aws-local-stepfunctions ignores ItemBatcher);
//  - parallel parts → a Parallel state whose ResultSelector merges the
//    branches' states (parallel-merge.ts);
//  - a choice → a draw Pass + a Choice state (choice-states.ts);
//  - a Batch step → batch:submitJob.sync.
// A start Pass wraps the workflow input into the state (docs/codegen.md) and
// an end Pass leaves the outputs of the result steps. The emitter decides
// nothing: every number comes from the plan.
import type { Deployment } from '../../ir/deployment.ts';
import type { Restructured } from '../../ir/series-parallelize.ts';
import type { IR, StepNode } from '../../ir/types.ts';
import { BAG_FIELDS } from '../../runtime/lambda/state-bag.ts';
import type { DataFlow } from '../functions/data-flow.ts';
import { shortHash, stateName } from '../names.ts';
import { choiceState, drawState } from './choice-states.ts';
import { emitTree, type EmitTree } from './emit-tree.ts';
import { mergeSelector } from './parallel-merge.ts';
import { batchTask, lambdaChunkTask, lambdaTask, type AslState } from './task-states.ts';

export interface AslDefinition {
  Comment: string;
  StartAt: string;
  States: Record<string, AslState>;
}

type Scope = Record<string, AslState>;

/** Ids of the emitter's own states contain '~', which no step id can, so they never collide with a step's name. */
const START = stateName('~start');
const OUTPUT = stateName('~output');

export function emitAsl(ir: IR, deployment: Deployment, staged: Restructured, flow: DataFlow): AslDefinition {
  const tree = emitTree(staged.tree, deployment);
  const states: Scope = {};
  const first = walk(tree, OUTPUT, states, { ir, deployment, flow }) ?? OUTPUT;
  states[START] = startState(flow, first);
  states[OUTPUT] = { Type: 'Pass', OutputPath: `$.${BAG_FIELDS.outputs}`, End: true };
  return { Comment: `dagc plan for ${ir.name} (${deployment.orchestration}); state data: docs/codegen.md`, StartAt: START, States: states };
}

interface Context {
  ir: IR;
  deployment: Deployment;
  flow: DataFlow;
}

function startState(flow: DataFlow, next: string): AslState {
  const sched: Record<string, string> = {};
  for (const { map, bundleSize } of flow.startSchedules) {
    sched[`${stateName(map)}.$`] = `States.ArrayPartition(States.ArrayRange(0, States.MathAdd(States.ArrayLength($.items), -1), 1), ${bundleSize})`;
  }
  return {
    Type: 'Pass',
    Parameters: {
      [`${BAG_FIELDS.exec}.$`]: '$$.Execution.Name',
      [BAG_FIELDS.input]: { 'v.$': '$' },
      [BAG_FIELDS.outputs]: {},
      [BAG_FIELDS.schedule]: sched,
    },
    Next: next,
  };
}

/** Emits `tree` into `scope`, continuing at `next` (null: the scope ends); returns the first state's name, or null when it emits nothing. */
function walk(tree: EmitTree | null, next: string | null, scope: Scope, ctx: Context): string | null {
  if (tree === null) return null;
  switch (tree.kind) {
    case 'series': {
      let after = next;
      for (const child of [...tree.children].reverse()) after = walk(child, after, scope, ctx) ?? after;
      return after === next ? null : after;
    }
    case 'step':
      return stepState(tree.step, next, scope, ctx);
    case 'group': {
      const name = stateName(tree.group);
      scope[name] = link(lambdaTask(tree.group, tree.group), next);
      return name;
    }
    case 'parallel': {
      const steps = stepsOfEmit(tree);
      const name = stateName(`~parallel:${steps[0] ?? ''}:${shortHash(steps.join('\u0000'))}`);
      const branches = tree.children.map((child, i) => branchOf(child, `${name}:${i}`, ctx));
      scope[name] = link({ Type: 'Parallel', Branches: branches, ResultSelector: mergeSelector(branches.length, steps[0] ?? name) }, next);
      return name;
    }
    case 'choice': {
      const node = ctx.ir.graph.node(tree.choiceStep) as StepNode;
      const probabilities = node.kind === 'choice' ? node.branchProbabilities : {};
      const choiceName = stateName(tree.choiceStep);
      const starts = new Map<string, string>();
      for (const branch of tree.branches) {
        let start = walk(branch.tree, next, scope, ctx);
        const targets = Object.keys(probabilities).filter((id) => branch.steps.includes(id));
        // A branch that runs nothing gets a Pass only when the Choice names one of its steps; a branch with no steps
        // (the choice goes straight to the join) is reached through nextOf, and a Pass nothing targets would be an
        // unreachable state, which Step Functions rejects.
        if (start === null && targets.length > 0) {
          start = stateName(`~skip:${tree.choiceStep}:${branch.steps.join(',')}`);
          scope[start] = link({ Type: 'Pass' }, next);
        }
        for (const id of targets) starts.set(id, start!);
      }
      const nextOf = (branch: string): string => starts.get(branch) ?? skipTo(next, scope, tree.choiceStep);
      scope[choiceName] = choiceState(choiceName, probabilities, nextOf);
      const draw = stateName(`~draw:${tree.choiceStep}`);
      scope[draw] = drawState(tree.choiceStep, choiceName, choiceName);
      return draw;
    }
  }
}

function stepState(step: string, next: string | null, scope: Scope, ctx: Context): string | null {
  const node = ctx.ir.graph.node(step) as StepNode | undefined;
  if (!node || node.kind === 'join' || node.kind === 'choice') return null;
  const unit = ctx.flow.units.get(step)!;
  const name = stateName(step);
  if (unit.kind === 'batch') {
    scope[name] = link(batchTask(node.functionName, step, name, stateName(node.functionName)), next);
  } else if (unit.kind === 'map' && node.kind === 'map') {
    const itemState = stateName(`~items:${step}`);
    const config = ctx.deployment.steps[step]?.map;
    const distributed = config?.mode === 'distributed';
    const maxConcurrency = config?.maxConcurrency ?? node.maxConcurrency;
    scope[name] = link(
      {
        Type: 'Map',
        ItemsPath: `$.${BAG_FIELDS.schedule}.${name}`,
        ItemSelector: { 'chunk.$': '$$.Map.Item.Value', 'state.$': '$' },
        ItemProcessor: {
          ProcessorConfig: distributed ? { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } : { Mode: 'INLINE' },
          StartAt: itemState,
          States: { [itemState]: { ...lambdaChunkTask(unit.lambdaKey!, step), End: true } },
        },
        ...(maxConcurrency > 0 ? { MaxConcurrency: maxConcurrency } : {}),
        ResultSelector: { 'parts.$': '$' },
        ResultPath: `$.${BAG_FIELDS.outputs}.${name}`,
      },
      next,
    );
  } else {
    scope[name] = link(lambdaTask(unit.lambdaKey!, step), next);
  }
  return name;
}

function branchOf(tree: EmitTree, id: string, ctx: Context): { StartAt: string; States: Scope } {
  const states: Scope = {};
  let start = walk(tree, null, states, ctx);
  if (start === null) {
    start = stateName(`~empty:${id}`);
    states[start] = { Type: 'Pass', End: true };
  }
  return { StartAt: start, States: states };
}

/** Where an empty choice branch goes: straight to what follows the choice (a Pass that ends the scope when nothing does). */
function skipTo(next: string | null, scope: Scope, choiceStep: string): string {
  if (next !== null) return next;
  const name = stateName(`~skip:${choiceStep}`);
  scope[name] = { Type: 'Pass', End: true };
  return name;
}

function link(state: AslState, next: string | null): AslState {
  return next === null ? { ...state, End: true } : { ...state, Next: next };
}

function stepsOfEmit(tree: EmitTree): string[] {
  switch (tree.kind) {
    case 'step':
      return [tree.step];
    case 'group':
      return [...tree.steps];
    case 'series':
    case 'parallel':
      return tree.children.flatMap(stepsOfEmit);
    case 'choice':
      return [tree.choiceStep, ...tree.branches.flatMap((b) => (b.tree ? stepsOfEmit(b.tree) : []))];
  }
}
