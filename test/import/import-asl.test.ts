// dagc import on small hand-written definitions, one construct each: what
// step, function, width, probability or diagnostic it becomes.
import assert from 'node:assert/strict';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { aslShape, formatShape, irShape } from '../../src/import/asl-structure.ts';
import { DEFAULT_MAP_WIDTH } from '../../src/import/dag-builder.ts';
import { importAslText } from '../../src/import/import-asl.ts';
import type { ImportedStep } from '../../src/import/imported-app.ts';
import { codesOf, importForTest } from '../helpers/import-app.ts';

type States = Record<string, Record<string, unknown>>;
const fn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
/** A Lambda task; `next` undefined = End. */
const task = (name: string, next?: string, extra: Record<string, unknown> = {}) => ({ Type: 'Task', Resource: fn(name), ...(next ? { Next: next } : { End: true }), ...extra });
const machine = (startAt: string, states: States) => ({ StartAt: startAt, States: states });

function stepOf(app: { steps: ImportedStep[] }, stateName: string): ImportedStep {
  const step = app.steps.find((s) => s.stateName === stateName);
  assert.ok(step, `no step for state '${stateName}'`);
  return step;
}

function shapesAgree(definition: object): string {
  const imported = importForTest(definition);
  const fromIr = irShape(imported.ir, imported.stateOf);
  assert.ok(fromIr);
  const text = formatShape(aslShape(definition));
  assert.equal(formatShape(fromIr), text);
  return text;
}

describe('dagc import: tasks and functions', () => {
  it('maps every form of Lambda reference to the function name, shared by states that call the same function', () => {
    const definition = machine('A', {
      A: task('resize', 'B'),
      B: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'resize:prod', 'Payload.$': '$' }, Next: 'C' },
      C: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '123456789012:function:detect' }, Next: 'D' },
      D: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: `${fn('publish')}:7` }, Next: 'E' },
      E: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', QueryLanguage: 'JSONata', Arguments: { FunctionName: 'archive' }, End: true },
    });
    const { app, ir } = importForTest(definition);
    assert.deepEqual(app.functions.map((f) => f.key), ['resize', 'detect', 'publish', 'archive']);
    assert.deepEqual(app.steps.map((s) => [s.id, s.function, s.needs]), [
      ['A', 'resize', []],
      ['B', 'resize', ['A']],
      ['C', 'detect', ['B']],
      ['D', 'publish', ['C']],
      ['E', 'archive', ['D']],
    ]);
    assert.equal(app.region, 'eu-west-1');
    assert.equal(ir.region, 'eu-west-1');
    assert.ok(app.functions.every((f) => !f.pinned));
    assert.ok(ir.functions.get('resize')!.handlerPath === undefined, 'profile-only');
    assert.deepEqual(codesOf(app), []);
  });

  it('keeps service integrations as pinned profile-only functions and says what dagc cannot model about each', () => {
    const definition = machine('Get', {
      Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 't' }, Next: 'Child' },
      Child: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Next: 'Ask' },
      Ask: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'ask' }, Next: 'Glue' },
      Glue: { Type: 'Task', Resource: 'arn:aws:states:::glue:startJobRun.sync', End: true },
    });
    const { app, ir, yaml } = importForTest(definition);
    assert.deepEqual(app.functions.map((f) => [f.key, f.pinned, f.origin]), [
      ['Get', true, 'dynamodb:getItem'],
      ['Child', true, 'states:startExecution'],
      ['ask', false, 'Lambda ask'],
      ['Glue', true, 'glue:startJobRun'],
    ]);
    const get = ir.functions.get('Get')!;
    assert.deepEqual([get.memoryMb, get.minMemoryMb, get.maxMemoryMb], [128, 128, 128]);
    assert.match(yaml, /Get: +\{ memory: 128, minMemory: 128, maxMemory: 128 \} +# dynamodb:getItem \(not a Lambda: pinned\)/);
    assert.deepEqual(codesOf(app), ['DAGC0557', 'DAGC0557', 'DAGC0558', 'DAGC0558', 'DAGC0558', 'DAGC0559']);
    const glue = app.diagnostics.find((d) => d.code === 'DAGC0558' && d.message.startsWith("$.States.Glue"))!;
    assert.match(glue.message, /the job to finish \(\.sync\)/);
  });

  it('names a function picked at run time after its state, and a SAM placeholder after the placeholder', () => {
    const definition = machine('Route', {
      Route: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName.$': '$.target' }, Next: 'Resize' },
      Resize: { Type: 'Task', Resource: '${ResizeFunctionArn}', End: true },
    });
    const { app } = importForTest(definition);
    assert.deepEqual(app.functions.map((f) => f.key), ['Route', 'ResizeFunction']);
    const dynamic = app.diagnostics.find((d) => d.code === 'DAGC0560')!;
    assert.match(dynamic.message, /\$\.target/);
    const placeholder = app.diagnostics.find((d) => d.code === 'DAGC0561')!;
    assert.match(placeholder.hint!, /--function-name ResizeFunction=/);
  });

  it('turns any state name into a valid unique identifier and keeps the original in the comment', () => {
    const long = `Étape numéro ${'x'.repeat(80)}`;
    const definition = machine('Größe ändern', {
      'Größe ändern': task('a', '1st step'),
      '1st step': task('b', 'größe-ändern'),
      'größe-ändern': task('c', long),
      [long]: task('d'),
    });
    const { app, yaml } = importForTest(definition);
    const ids = app.steps.map((s) => s.id);
    assert.deepEqual(ids.slice(0, 3), ['Grosse-andern', 's-1st-step', 'grosse-andern-2']);
    assert.ok(ids.every((id) => /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(id)));
    assert.equal(ids[3]!.length, 64);
    assert.match(yaml, /# "Größe ändern" at \$\.States\['Größe ändern'\]/);
    assert.ok(yaml.includes(JSON.stringify(long)));
  });
});

describe('dagc import: Parallel and Map', () => {
  it('makes a Parallel into branches that start after its predecessor and join at its successor', () => {
    const definition = machine('Split', {
      Split: task('split', 'Fan'),
      Fan: {
        Type: 'Parallel',
        Branches: [machine('L1', { L1: task('l1', 'L2'), L2: task('l2') }), machine('R', { R: task('r') }), machine('Nothing', { Nothing: { Type: 'Pass', End: true } })],
        Next: 'Join',
      },
      Join: task('join'),
    });
    const { app } = importForTest(definition);
    assert.deepEqual(stepOf(app, 'L1').needs, ['Split']);
    assert.deepEqual(stepOf(app, 'R').needs, ['Split']);
    assert.deepEqual(stepOf(app, 'Join').needs.sort(), ['L2', 'R']);
    assert.equal(shapesAgree(definition), '["Split" ; ("R" | ["L1" ; "L2"]) ; "Join"]');
  });

  it('makes a Map (ItemProcessor or the older Iterator) a map step with MaxConcurrency and a width to confirm', () => {
    for (const body of ['ItemProcessor', 'Iterator']) {
      const definition = machine('Each', { Each: { Type: 'Map', MaxConcurrency: 5, [body]: machine('Work', { Work: task('work') }), End: true } });
      const { app, ir } = importForTest(definition);
      const node = ir.graph.node('Work');
      assert.equal(node.kind, 'map');
      assert.deepEqual(node.kind === 'map' && [node.width, node.maxConcurrency], [{ kind: 'fixed', width: DEFAULT_MAP_WIDTH }, 5]);
      const unknown = app.diagnostics.find((d) => d.code === 'DAGC0552')!;
      assert.match(unknown.message, new RegExp(`width ${DEFAULT_MAP_WIDTH}`));
      assert.match(unknown.hint!, /steps\.Work\.map\.width/);
    }
  });

  it('notes a Distributed Map, its ItemReader and ItemBatcher', () => {
    const definition = machine('Each', {
      Each: {
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV' } },
        ItemBatcher: { MaxItemsPerBatch: 50 },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, ...machine('Work', { Work: task('work') }) },
        End: true,
      },
    });
    const { app } = importForTest(definition);
    const note = app.diagnostics.find((d) => d.code === 'DAGC0556')!;
    assert.match(note.message, /Distributed Map.*EXPRESS/);
    assert.match(note.message, /s3:getObject/);
    assert.match(note.message, /MaxItemsPerBatch 50.*number of batches/);
  });

  it('splits a Map whose items run several tasks into map steps of the same width, and flattens a nested Map', () => {
    const definition = machine('Each', {
      Each: {
        Type: 'Map',
        ItemProcessor: machine('A', { A: task('a', 'Inner'), Inner: { Type: 'Map', ItemProcessor: machine('B', { B: task('b') }), End: true } }),
        Next: 'After',
      },
      After: task('after'),
    });
    const { app, ir } = importForTest(definition);
    const widths = ['A', 'B'].map((id) => {
      const node = ir.graph.node(id);
      return node.kind === 'map' && node.width.kind === 'fixed' ? node.width.width : 0;
    });
    assert.deepEqual(widths, [DEFAULT_MAP_WIDTH, DEFAULT_MAP_WIDTH * DEFAULT_MAP_WIDTH]);
    assert.deepEqual(stepOf(app, 'After').needs, ['B']);
    assert.deepEqual(codesOf(app), ['DAGC0552', 'DAGC0553', 'DAGC0555']);
    assert.equal(shapesAgree(definition), '[map("A") ; map("B") ; "After"]');
  });

  it('keeps a Choice inside a Map as a choice step and says it is drawn per execution', () => {
    const definition = machine('Each', {
      Each: {
        Type: 'Map',
        ItemProcessor: machine('Pick', { Pick: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'X' }], Default: 'Y' }, X: task('x'), Y: task('y') }),
        End: true,
      },
    });
    const { app, ir } = importForTest(definition);
    assert.equal(ir.graph.node('Pick').kind, 'choice');
    assert.ok(codesOf(app).includes('DAGC0554'));
    assert.equal(shapesAgree(definition), '{map("X") / map("Y")}');
  });
});

describe('dagc import: Choice', () => {
  const check = (next: string, comment?: string) => ({ Variable: '$.kind', StringEquals: next, Next: next, ...(comment ? { Comment: comment } : {}) });

  it('makes branches equally likely, the Default included, and rejoins them at the common successor', () => {
    const definition = machine('Pick', {
      Pick: { Type: 'Choice', Choices: [check('A'), check('B')], Default: 'C' },
      A: task('a', 'Done'),
      B: task('b', 'Done'),
      C: task('c', 'Done'),
      Done: task('done'),
    });
    const { app } = importForTest(definition);
    const pick = stepOf(app, 'Pick');
    assert.deepEqual(Object.keys(pick.choice!), ['A', 'B', 'C']);
    assert.ok(Object.values(pick.choice!).every((p) => Math.abs(p - 1 / 3) < 1e-12));
    assert.deepEqual(stepOf(app, 'Done').needs.sort(), ['A', 'B', 'C']);
    assert.deepEqual(codesOf(app), ['DAGC0551']);
    assert.equal(shapesAgree(definition), '{["A" ; "Done"] / ["B" ; "Done"] / ["C" ; "Done"]}');
  });

  it('reads probabilities from dagc:p= in rule Comments and dagc:default= in the Choice Comment', () => {
    const definition = machine('Pick', {
      Pick: { Type: 'Choice', Comment: 'route dagc:default=0.25', Choices: [check('A', 'hot path dagc:p=0.7'), check('B')], Default: 'C' },
      A: task('a'),
      B: task('b'),
      C: task('c'),
    });
    const { app } = importForTest(definition);
    const pick = stepOf(app, 'Pick').choice!;
    assert.ok(Math.abs(pick.A! - 0.7) < 1e-12 && Math.abs(pick.B! - 0.05) < 1e-12 && Math.abs(pick.C! - 0.25) < 1e-12);
    assert.deepEqual(codesOf(app), []);
  });

  it('ignores probabilities that are not probabilities, with DAGC0550', () => {
    const definition = machine('Pick', {
      Pick: { Type: 'Choice', Choices: [check('A', 'dagc:p=0.8'), check('B', 'dagc:p=0.6')], Default: 'C' },
      A: task('a'),
      B: task('b'),
      C: task('c'),
    });
    const { app } = importForTest(definition);
    assert.ok(Object.values(stepOf(app, 'Pick').choice!).every((p) => Math.abs(p - 1 / 3) < 1e-12));
    assert.match(app.diagnostics.find((d) => d.code === 'DAGC0550')!.message, /sum to 1\.4/);
  });

  it('drops outcomes that run no task and renormalizes the rest; with one branch left the choice disappears', () => {
    const withEmpty = machine('Pick', {
      Pick: { Type: 'Choice', Choices: [check('A'), check('B'), check('Skip')], Default: 'Oops' },
      A: task('a', 'Done'),
      B: task('b', 'Done'),
      Skip: { Type: 'Pass', Next: 'Done' },
      Oops: { Type: 'Fail' },
      Done: task('done'),
    });
    const first = importForTest(withEmpty).app;
    assert.deepEqual(stepOf(first, 'Pick').choice, { A: 0.5, B: 0.5 });
    assert.match(first.diagnostics.find((d) => d.code === 'DAGC0549')!.message, /Choices\[2\] → 'Skip', Default → 'Oops'/);
    const guard = machine('Ok?', {
      'Ok?': { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: false, Next: 'Failed' }], Default: 'Work' },
      Failed: { Type: 'Fail' },
      Work: task('work'),
    });
    const second = importForTest(guard).app;
    assert.deepEqual(second.steps.map((s) => [s.id, s.kind, s.needs]), [['Work', 'task', []]]);
  });

  it('runs a Parallel at the head of a choice branch as a series, with DAGC0562', () => {
    const definition = machine('Pick', {
      Pick: { Type: 'Choice', Choices: [check('Both')], Default: 'Alone' },
      Both: { Type: 'Parallel', Branches: [machine('P', { P: task('p') }), machine('Q', { Q: task('q') })], End: true },
      Alone: task('alone'),
    });
    const { app } = importForTest(definition);
    assert.deepEqual(stepOf(app, 'Q').needs, ['P']);
    assert.ok(codesOf(app).includes('DAGC0562'));
    assert.equal(shapesAgree(definition), '{"Alone" / ["P" ; "Q"]}');
  });

  it('cuts a loop back with DAGC0545 at the transition that closes it, and explains the Wait', () => {
    const definition = machine('Start', {
      Start: task('start', 'Wait'),
      Wait: { Type: 'Wait', Seconds: 30, Next: 'Check' },
      Check: task('check', 'Done?'),
      'Done?': { Type: 'Choice', Choices: [{ Variable: '$.status', StringEquals: 'RUNNING', Next: 'Wait' }], Default: 'Finish' },
      Finish: task('finish'),
    });
    const text = JSON.stringify(definition, null, 2);
    const { app } = importForTest(text);
    assert.deepEqual(app.steps.map((s) => s.id), ['Start', 'Check', 'Finish']);
    const loop = app.diagnostics.find((d) => d.code === 'DAGC0545')!;
    assert.match(loop.message, /^\$\.States\['Done\?'\]\.Choices\[0\] jumps back to 'Wait'/);
    const line = text.split('\n').findIndex((l) => l.includes('"Choices"')) + 2;
    assert.equal(loop.position!.line, line);
    assert.match(app.diagnostics.find((d) => d.code === 'DAGC0548')!.message, /30 s/);
  });
});

describe('dagc import: error handling and bad input', () => {
  it('models the path without errors: Catch handlers are left out with DAGC0546 and DAGC0563, retries in one DAGC0547', () => {
    const definition = machine('A', {
      A: task('a', 'B', { Retry: [{ ErrorEquals: ['States.ALL'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Undo' }] }),
      B: task('b', undefined, { Retry: [{ ErrorEquals: ['States.ALL'] }] }),
      Undo: task('undo'),
    });
    const { app } = importForTest(definition);
    assert.deepEqual(app.steps.map((s) => s.id), ['A', 'B']);
    assert.deepEqual(codesOf(app), ['DAGC0546', 'DAGC0547', 'DAGC0563']);
    assert.match(app.diagnostics.find((d) => d.code === 'DAGC0547')!.message, /2 state\(s\).*\$\.States\.A, \$\.States\.B/);
    assert.match(app.diagnostics.find((d) => d.code === 'DAGC0563')!.message, /only on an error path, after a Catch/);
  });

  it('goes on past a Next to nowhere with DAGC0543, treating it as the end', () => {
    const { app } = importForTest(machine('A', { A: task('a', 'Missing') }));
    assert.deepEqual(app.steps.map((s) => s.id), ['A']);
    assert.match(app.diagnostics[0]!.message, /\$\.States\.A\.Next: goes to 'Missing'/);
  });

  for (const [what, text, code, line, column] of [
    ['a JSON syntax error', '{\n  "StartAt": "A",\n  "States": { "A": { "Type": "Task" } \n', 'DAGC0541', 4, 1],
    ['a trailing comma', '{ "StartAt": "A", "States": {}, }', 'DAGC0541', 1, 33],
    ['an array', '[1, 2]', 'DAGC0542', 1, 1],
    ['no States', '{\n  "StartAt": "A"\n}', 'DAGC0542', 1, 1],
    ['no Task state', '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }', 'DAGC0544', 1, 3],
  ] as const) {
    it(`exits with ${code} at ${line}:${column} on ${what}`, () => {
      assert.throws(
        () => importAslText(text, 'bad.asl.json'),
        (error: unknown) => {
          assert.ok(isUserError(error));
          const d = error.diagnostics[0]!;
          assert.deepEqual([d.code, d.severity, d.position?.line, d.position?.column], [code, 'error', line, column]);
          return true;
        },
      );
    });
  }
});
