import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Plan } from '../../src/codegen/plan.ts';
import { groupMembershipProblems, readPlan } from '../../src/codegen/read-plan.ts';
import { DagcUserError } from '../../src/diagnostics/diagnostic.ts';
import { projectRoot } from '../helpers/run-cli.ts';

// tree-reduction's committed plan fuses each subtree of four leaves and their reduces: leaf-00 … reduce-2-00 are group
// ~fuse-leaf-00, leaf-04 … reduce-2-01 are ~fuse-leaf-04, and so on.
const committed = path.join(projectRoot, 'plans', 'tree-reduction', 'plan.json');
const committedPlan = (): Plan => JSON.parse(readFileSync(committed, 'utf8')) as Plan;

function readEdited(edit: (plan: Plan) => void): string {
  const plan = committedPlan();
  edit(plan);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'dagc-plan-groups-')), 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  try {
    readPlan(file);
  } catch (error) {
    assert.ok(error instanceof DagcUserError, String(error));
    assert.equal(error.diagnostics[0]!.code, 'DAGC0303');
    return error.diagnostics[0]!.message;
  }
  assert.fail('the edited plan was read as a plan');
}

describe('readPlan: fusion groups and steps agree', () => {
  it('reads the committed plan, whose groups and steps agree', () => {
    assert.deepEqual(groupMembershipProblems(committedPlan()), []);
    assert.equal(readPlan(committed).plan.groups!['~fuse-leaf-00']!.steps.length, 7);
  });

  it('refuses a step that names a group whose steps do not include it (the emitter would drop it)', () => {
    const message = readEdited((plan) => {
      plan.steps['leaf-04']!.fusionGroup = '~fuse-leaf-00';
    });
    assert.match(message, /\$\.steps\.leaf-04\.fusionGroup names '~fuse-leaf-00', whose \$\.groups\.~fuse-leaf-00\.steps do not include 'leaf-04'/);
    // ...and the group it left now lists a step that names another group.
    assert.match(message, /\$\.groups\.~fuse-leaf-04\.steps lists 'leaf-04', which names group '~fuse-leaf-00'/);
  });

  it('refuses a step naming a group the plan does not list, and a group listing a step that is not in it', () => {
    assert.match(
      readEdited((plan) => {
        plan.steps['leaf-00']!.fusionGroup = '~nowhere';
      }),
      /\$\.steps\.leaf-00\.fusionGroup names '~nowhere', which \$\.groups does not list/,
    );
    assert.match(
      readEdited((plan) => {
        delete plan.steps['leaf-01']!.fusionGroup;
      }),
      /\$\.groups\.~fuse-leaf-00\.steps lists 'leaf-01', which names no fusion group/,
    );
    assert.match(
      readEdited((plan) => {
        plan.groups!['~fuse-leaf-00']!.steps.push('ghost');
      }),
      /\$\.groups\.~fuse-leaf-00\.steps lists 'ghost', which is not a step of \$\.steps/,
    );
  });

  it('lists the problems in step-id order, then group order, so the message is the same every time', () => {
    const plan = committedPlan();
    plan.steps['leaf-05']!.fusionGroup = '~nowhere';
    plan.steps['leaf-01']!.fusionGroup = '~nowhere';
    assert.deepEqual(groupMembershipProblems(plan), [
      "$.steps.leaf-01.fusionGroup names '~nowhere', which $.groups does not list",
      "$.steps.leaf-05.fusionGroup names '~nowhere', which $.groups does not list",
      "$.groups.~fuse-leaf-00.steps lists 'leaf-01', which names group '~nowhere'",
      "$.groups.~fuse-leaf-04.steps lists 'leaf-05', which names group '~nowhere'",
    ]);
  });
});
