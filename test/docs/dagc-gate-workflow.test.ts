// Runs the shell steps of docs/examples/dagc-gate.yml, as GitHub Actions would
// (bash --noprofile --norc -eo pipefail, the job's env, RUNNER_TEMP and
// GITHUB_STEP_SUMMARY), in a scratch git repository with an `origin` holding
// the base branch: the mapreduce fixture and its committed plan on main, then
// pull requests on top. GitHub's own actions are not run: checkout (the
// scratch clone is checked out at the pull request), setup-node (this Node),
// github-script (posting the comment); the `install` step (npm ci) is stood in
// for by linking node_modules/.bin/dagc to this checkout, so `npx dagc` runs
// this dagc offline. Any other step, or an expression the test does not
// know, fails the test rather than being skipped silently.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../helpers/run-cli.ts';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
}

const workflow = parse(readFileSync(path.join(projectRoot, 'docs/examples/dagc-gate.yml'), 'utf8')) as {
  jobs: { gate: { env: Record<string, string>; steps: Step[] } };
};
const job = workflow.jobs.gate;

/** The values GitHub would put into the job's ${{ … }} expressions for a pull request into main. */
const githubContext: Record<string, string> = { 'github.base_ref': 'main' };

function jobEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(job.env)) {
    env[key] = String(value).replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
      assert.ok(name in githubContext, `the workflow uses \${{ ${name} }}, which this test does not provide`);
      return githubContext[name]!;
    });
  }
  return env;
}

const gitIdentity = { GIT_AUTHOR_NAME: 'dagc test', GIT_AUTHOR_EMAIL: 'test@dagc.invalid', GIT_COMMITTER_NAME: 'dagc test', GIT_COMMITTER_EMAIL: 'test@dagc.invalid' };

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...gitIdentity } });
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

interface JobRun {
  exitCode: number;
  /** The step that failed, or undefined when every step passed. */
  failedStep?: string;
  /** Combined output of the last step run. */
  lastOutput: string;
  /** The markdown the comment step would post. */
  comment: string | undefined;
  summary: string;
}

function runJob(repo: string): JobRun {
  const runnerTemp = mkdtempSync(path.join(tmpdir(), 'dagc-runner-'));
  const summaryFile = path.join(runnerTemp, 'step-summary.md');
  writeFileSync(summaryFile, '');
  const env = { ...process.env, ...gitIdentity, ...jobEnv(), CI: 'true', RUNNER_TEMP: runnerTemp, GITHUB_STEP_SUMMARY: summaryFile, NO_COLOR: '1', npm_config_offline: 'true' };
  let lastOutput = '';
  let failure: { exitCode: number; step: string } | undefined;
  for (const step of job.steps) {
    if (step.uses) {
      assert.match(step.uses, /^actions\/(checkout|setup-node|github-script)@/, `unexpected action ${step.uses}`);
      continue;
    }
    if (step.id === 'install') continue;
    assert.equal(step.if, undefined, `step '${step.name}' has a condition this test cannot evaluate`);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd: repo, env, encoding: 'utf8' });
    lastOutput = `${result.stdout}${result.stderr}`;
    if (result.status !== 0) {
      failure = { exitCode: result.status ?? 1, step: step.name ?? step.id ?? '?' };
      break;
    }
  }
  const commentFile = path.join(runnerTemp, 'dagc', 'comment.md');
  const run: JobRun = {
    exitCode: failure?.exitCode ?? 0,
    lastOutput,
    comment: existsSync(commentFile) ? readFileSync(commentFile, 'utf8') : undefined,
    summary: readFileSync(summaryFile, 'utf8'),
  };
  if (failure) run.failedStep = failure.step;
  rmSync(runnerTemp, { recursive: true, force: true });
  return run;
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1)!;
}

describe('docs/examples/dagc-gate.yml', function () {
  this.timeout(600_000);
  const root = mkdtempSync(path.join(tmpdir(), 'dagc-ci-'));
  const repo = path.join(root, 'work');
  const { DAGC_APP: appFile, DAGC_PLAN: planFile } = jobEnv();
  after(() => rmSync(root, { recursive: true, force: true }));

  before(() => {
    git(root, 'init', '--quiet', '--bare', '--initial-branch=main', 'origin.git');
    git(root, 'clone', '--quiet', 'origin.git', 'work');
    git(repo, 'checkout', '--quiet', '-B', 'main');
    // The app of a user's repository: the mapreduce fixture (handlers, events, profiles) where the workflow expects app.yaml.
    cpSync(path.join(projectRoot, 'fixtures', 'mapreduce'), path.join(repo, path.dirname(appFile!)), { recursive: true });
    // The team's SLO leaves headroom (the fixture's own 2 s is nearly what a 3× slower function still
    // meets), so the slower-profile pull request below is a pricier plan, not an infeasible one.
    const app = path.join(repo, appFile!);
    writeFileSync(app, readFileSync(app, 'utf8').replace(/^slo: .*$/m, 'slo: { p95: 4s }'));
    writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n');
    mkdirSync(path.join(repo, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(path.join(projectRoot, 'bin', 'dagc.mjs'), path.join(repo, 'node_modules', '.bin', 'dagc'));
    // The developer commits the plan that dagc optimize writes, as in this repository's plans/.
    const planned = spawnSync('npx', ['dagc', 'optimize', appFile!, '--out', path.dirname(planFile!)], { cwd: repo, encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true' } });
    assert.equal(planned.status, 0, planned.stderr);
    git(repo, 'add', '-A');
    git(repo, 'commit', '--quiet', '-m', 'the app and its plan');
    git(repo, 'push', '--quiet', 'origin', 'main');
  });

  function pullRequest(branch: string, change: () => void): JobRun {
    git(repo, 'checkout', '--quiet', '-B', branch, 'origin/main');
    change();
    git(repo, 'commit', '--quiet', '-am', branch);
    return runJob(repo);
  }

  it('passes a harmless change (exit 0) and writes the comparison as the comment and the job summary', () => {
    const run = pullRequest('reword-description', () => {
      const app = path.join(repo, appFile!);
      writeFileSync(app, readFileSync(app, 'utf8').replace(/^description: .*$/m, 'description: word count, described differently'));
    });
    assert.equal(run.exitCode, 0, `${run.failedStep}: ${run.lastOutput}`);
    assert.match(lastLine(run.lastOutput), /^dagc diff: OK: SLO p95 ≤ 4\.00s met .*within --max-cost-increase 5%; .*within --max-p95-increase 10%$/);
    assert.match(run.comment!.split('\n')[0]!, /^✅ \*\*dagc diff\*\* mapreduce: OK: cost per 1M executions \\\$[\d.]+ \(unchanged\)/);
    assert.match(run.comment!, /No deployment decision changed\./);
    assert.equal(run.summary, run.comment);
  });

  it('fails a change that makes the workflow more expensive (a function re-profiled 3× slower), with the reason on the last line', () => {
    const run = pullRequest('slower-map', () => {
      const file = path.join(repo, path.dirname(appFile!), 'profiles', 'map.json');
      const profile = JSON.parse(readFileSync(file, 'utf8'));
      for (const arch of Object.values(profile.architectures) as Array<{ measurements: Array<{ warmDurationsMs: number[]; coldDurationsMs: number[] }> }>) {
        for (const m of arch.measurements) {
          m.warmDurationsMs = m.warmDurationsMs.map((d) => Math.round(d * 300) / 100);
          m.coldDurationsMs = m.coldDurationsMs.map((d) => Math.round(d * 300) / 100);
        }
      }
      writeFileSync(file, `${JSON.stringify(profile, null, 2)}\n`);
    });
    assert.equal(run.exitCode, 1, run.lastOutput);
    assert.equal(run.failedStep, 'Gate');
    assert.match(lastLine(run.lastOutput), /^dagc diff: FAIL: cost per 1M executions \+\$\d+\.\d\d \(\+\d+\.\d%\), \$[\d.]+ → \$[\d.]+, over --max-cost-increase 5%/);
    assert.match(run.comment!.split('\n')[0]!, /^❌ \*\*dagc diff\*\* mapreduce: REGRESSION: cost per 1M executions/);
    assert.match(run.comment!, /DAGC0510\*\* the plans were made from different profiles \(changed: map\)/);
  });

  it('fails when no plan meets the SLO any more, saying so in the comment and on the last line', () => {
    const run = pullRequest('impossible-slo', () => {
      const app = path.join(repo, appFile!);
      writeFileSync(app, readFileSync(app, 'utf8').replace(/^slo: .*$/m, 'slo: { p95: 300ms }'));
    });
    assert.equal(run.exitCode, 1, run.lastOutput);
    assert.equal(run.failedStep, 'Plan the change');
    assert.match(lastLine(run.lastOutput), /^dagc: no plan meets p95 ≤ 300 ms\. Fastest achievable p95: \d+ ms at \$[\d.]+ per 1M executions/);
    assert.match(run.comment!, /could not plan `app\.yaml`/);
  });
});
