// Tests from the mutation run's survivors in state-machine-resource.ts and
// batch-resources.ts (issue 26): the permissions a state machine with a
// Distributed Map needs on its child executions, and the attempt timeout of a
// Batch job definition (the job's function timeout, at least AWS Batch's
// 60-second minimum).
import assert from 'node:assert/strict';
import { parseTemplateDocument, Sub } from '../../../src/codegen/sam/cfn-tags.ts';
import { renderTemplate } from '../../../src/codegen/sam/render-template.ts';
import { chainIr, variantDeployment } from './sam-fixtures.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

describe('SAM template: state machine permissions and Batch timeouts', function () {
  this.timeout(120_000);

  it('lets a state machine with a Distributed Map start, describe and stop its own child executions', () => {
    const ir = chainIr();
    const template = parseTemplateDocument(renderTemplate(ir, variantDeployment(ir, 'distributed'))).toJS() as { Resources: Resources };
    const machine = template.Resources.StateMachine!.Properties;
    const name = machine.Name as string;
    const statements = machine.Policies[0].Statement as Array<{ Action: string[]; Resource: unknown[] }>;
    const on = (action: string) => statements.filter((s) => s.Action.includes(action)).flatMap((s) => s.Resource.map((r) => (r instanceof Sub ? r.template : r)));
    // IAM for a Distributed Map (Step Functions developer guide): StartExecution on the state machine itself,
    // DescribeExecution and StopExecution on its executions.
    assert.deepEqual(on('states:StartExecution'), [`arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:${name}`]);
    assert.deepEqual(on('states:DescribeExecution'), [`arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:execution:${name}/*`]);
    assert.deepEqual(on('states:StopExecution'), [`arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:execution:${name}/*`]);
  });

  it('gives a Batch job its function\'s timeout as the attempt duration, at least 60 s', () => {
    const attempt = (timeoutSeconds: number): number => {
      const ir = chainIr();
      ir.functions.get('c')!.timeoutMs = timeoutSeconds * 1000;
      const template = parseTemplateDocument(renderTemplate(ir, variantDeployment(ir, 'batch'))).toJS() as { Resources: Resources };
      const jobs = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Batch::JobDefinition');
      assert.equal(jobs.length, 1);
      return jobs[0]!.Properties.Timeout.AttemptDurationSeconds as number;
    };
    assert.equal(attempt(600), 600);
    assert.equal(attempt(90.5), 91, 'whole seconds, rounded up');
    assert.equal(attempt(50), 60, 'AWS Batch refuses an attempt duration under 60 s');
  });
});
