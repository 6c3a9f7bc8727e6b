import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployedLambdas } from '../../../src/codegen/deployed-lambdas.ts';
import { logicalId } from '../../../src/codegen/names.ts';
import { substitutionProblems } from '../../../src/codegen/sam/check-substitutions.ts';
import { parseTemplateDocument } from '../../../src/codegen/sam/cfn-tags.ts';
import { renderTemplate } from '../../../src/codegen/sam/render-template.ts';
import { writeTemplate } from '../../../src/codegen/sam/write-template.ts';
import { projectRoot } from '../../helpers/run-cli.ts';
import { chainIr, fixturePlan, variantDeployment } from './sam-fixtures.ts';

/** A copy of plans/video in a fresh folder (appFile re-pointed at the fixture). */
function videoPlanFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dagc-sam-'));
  const plan = JSON.parse(readFileSync(path.join(projectRoot, 'plans', 'video', 'plan.json'), 'utf8'));
  plan.appFile = path.relative(dir, path.join(projectRoot, 'fixtures', 'video', 'app.yaml'));
  writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
  return dir;
}

/** A definition naming the Lambdas the way CONTRACT-22 says the ASL emitter does. */
function contractDefinition(keys: string[]): string {
  const states = Object.fromEntries(keys.map((key, i) => [key, {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: `\${${logicalId('Fn', key)}Arn}`, 'Payload.$': '$' },
    ...(i + 1 < keys.length ? { Next: keys[i + 1] } : { End: true }),
  }]));
  return JSON.stringify({ StartAt: keys[0], States: states }, null, 2);
}

describe('writeTemplate', function () {
  this.timeout(120_000);

  it('writes the same template.yaml into a plan folder as the committed one', () => {
    const dir = videoPlanFolder();
    const file = writeTemplate(dir);
    assert.equal(readFileSync(file, 'utf8'), readFileSync(path.join(projectRoot, 'plans', 'video', 'template.yaml'), 'utf8'));
  });

  it('accepts a statemachine.asl.json whose placeholders are exactly the template substitutions', () => {
    const dir = videoPlanFolder();
    const { ir, deployment } = fixturePlan('video');
    writeFileSync(path.join(dir, 'statemachine.asl.json'), contractDefinition(deployedLambdas(ir, deployment).map((l) => l.key)));
    assert.doesNotThrow(() => writeTemplate(dir));
  });

  it('fails loudly when the state machine and the template disagree on a Lambda, and writes nothing', () => {
    const dir = videoPlanFolder();
    const { ir, deployment } = fixturePlan('video');
    const keys = deployedLambdas(ir, deployment).map((l) => l.key);
    writeFileSync(path.join(dir, 'statemachine.asl.json'), contractDefinition([...keys.slice(1), 'ghost']));
    assert.throws(() => writeTemplate(dir), (error: Error) => /DAGC0481.*FnGhostArn/.test(error.message) && new RegExp(`DAGC0482.*${logicalId('Fn', keys[0]!)}Arn`).test(error.message));
    assert.throws(() => readFileSync(path.join(dir, 'template.yaml')), /ENOENT/);
  });

  it('matches the Batch placeholders of the contract (job definition and queue)', () => {
    const ir = chainIr();
    const template = parseTemplateDocument(renderTemplate(ir, variantDeployment(ir, 'batch'))).toJS();
    const definition = `${contractDefinition(['a', 'b', 'd'])}\n{"JobDefinition": "\${JobCArn}", "JobQueue": "\${BatchJobQueueArn}"}`;
    assert.deepEqual(substitutionProblems(definition, 'statemachine.asl.json', template, 'template.yaml'), []);
    assert.deepEqual(substitutionProblems(contractDefinition(['a', 'b', 'd']), 'statemachine.asl.json', template, 'template.yaml').map((p) => p.code), ['DAGC0482', 'DAGC0482']);
  });
});
