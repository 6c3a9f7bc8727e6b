// The template's IAM, parsed back and judged against the plan (iam-judge.ts).
import assert from 'node:assert/strict';
import { renderTemplate } from '../../../src/codegen/sam/render-template.ts';
import { grants, judge, resourceName, s3Prefix } from './iam-judge.ts';
import { chainIr, fixturePlan, fixturePlans, VARIANTS, variantDeployment } from './sam-fixtures.ts';

describe('SAM template IAM', function () {
  this.timeout(120_000);

  for (const app of fixturePlans) {
    it(`plans/${app}: grants nothing beyond the plan's own prefixes, Lambdas and jobs`, () => {
      const { ir, deployment } = fixturePlan(app);
      judge(ir, deployment);
    });
  }

  for (const variant of VARIANTS) {
    it(`grants nothing beyond the plan's own resources with ${variant} in the deployment`, () => {
      const ir = chainIr();
      judge(ir, variantDeployment(ir, variant));
    });
  }

  it('lets the state machine invoke exactly the plan Lambdas and a warming Lambda exactly its target', () => {
    const ir = chainIr();
    const all = grants(renderTemplate(ir, variantDeployment(ir, 'warmup')));
    const invokes = all.filter((g) => g.action === 'lambda:InvokeFunction').map((g) => `${g.holder} ${resourceName(g.resource)}`).sort();
    assert.deepEqual(invokes, [
      'FnA Sub arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:variant-app-c',
      'StateMachine GetAtt FnA.Arn',
      'StateMachine GetAtt FnB.Arn',
      'StateMachine GetAtt FnC.Arn',
      'StateMachine GetAtt FnD.Arn',
    ]);
  });

  it('catches a widened grant (the judge can fail)', () => {
    const ir = chainIr();
    const deployment = variantDeployment(ir, 's3');
    const text = renderTemplate(ir, deployment).replace('${DataBucket.Arn}/c/*', '${DataBucket.Arn}/*');
    assert.throws(() => {
      for (const g of grants(text)) if (g.action.startsWith('s3:')) s3Prefix(g.resource);
    }, /not one prefix of DataBucket/);
  });
});
