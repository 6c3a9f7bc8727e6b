// The execution environments of every function version, and which one serves
// the next invocation: an idle environment of the current generation if there
// is one (the most recently used, so a steady trickle keeps one warm), else
// none and the caller starts a cold one. Environments of an older generation
// are retired (killed when idle, or when their invocation ends); idle ones
// expire after `idleTimeoutMs`, as Lambda reclaims idle sandboxes. A pool
// never holds a dead environment. Scans are linear in the pool's size.
// Idle time is read from a Clock (clock.ts): the system's, or one a test
// advances by hand; the pool notes when each environment was last released.
import { SYSTEM_CLOCK, type Clock } from './clock.ts';
import type { ExecutionEnvironment } from './execution-environment.ts';

export interface EnvironmentSnapshot {
  functionName: string;
  version: string;
  pid: number | undefined;
  state: string;
  memoryMb: number;
  maxMemoryUsedMb: number;
  idleForMs: number;
}

export class EnvironmentPools {
  private readonly pools = new Map<string, Set<ExecutionEnvironment>>();
  private readonly claimed = new WeakSet<ExecutionEnvironment>();
  private readonly sweeper: NodeJS.Timeout;
  /** When each environment last became free (added, or released after an invocation), on the pool's clock. */
  private readonly freeSince = new WeakMap<ExecutionEnvironment, number>();

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {
    this.sweeper = setInterval(() => this.expireIdle(), Math.max(50, Math.min(1_000, idleTimeoutMs / 2)));
    this.sweeper.unref();
  }

  /** Claims a warm environment for one invocation, or returns undefined (cold start needed). */
  claimIdle(functionName: string, version: string, generation: number): ExecutionEnvironment | undefined {
    let best: ExecutionEnvironment | undefined;
    for (const env of this.pool(functionName, version)) {
      if (env.state !== 'idle' || this.claimed.has(env)) continue;
      if (env.spec.generation !== generation || env.retired) {
        env.dispose();
        continue;
      }
      if (!best || this.lastFree(env) > this.lastFree(best)) best = env;
    }
    if (best) this.claimed.add(best);
    return best;
  }

  /** Adds a new (initializing) environment, claimed by the invocation that started it. */
  add(env: ExecutionEnvironment): void {
    const pool = this.pool(env.spec.functionName, env.spec.version);
    pool.add(env);
    this.claimed.add(env);
    this.freeSince.set(env, this.clock.now());
    env.whenDead(() => pool.delete(env));
  }

  /** The invocation is over: the environment may serve the next one. */
  release(env: ExecutionEnvironment): void {
    this.claimed.delete(env);
    this.freeSince.set(env, this.clock.now());
    if (env.retired && env.state === 'idle') env.dispose();
  }

  /** A newer configuration serves `version` (or it was deleted): no older environment is reused. */
  retire(functionName: string, version: string, currentGeneration?: number): void {
    for (const env of this.pool(functionName, version)) {
      if (env.spec.generation === currentGeneration) continue;
      env.retired = true;
      if (env.state === 'idle' && !this.claimed.has(env)) env.dispose();
    }
  }

  snapshot(): EnvironmentSnapshot[] {
    const now = this.clock.now();
    const rows: EnvironmentSnapshot[] = [];
    for (const pool of this.pools.values()) {
      for (const env of pool) {
        rows.push({
          functionName: env.spec.functionName,
          version: env.spec.version,
          pid: env.pid,
          state: env.state,
          memoryMb: env.spec.memoryMb,
          maxMemoryUsedMb: env.maxMemoryUsedMb,
          idleForMs: env.state === 'idle' ? now - this.lastFree(env) : 0,
        });
      }
    }
    return rows.sort((a, b) => a.functionName.localeCompare(b.functionName) || a.version.localeCompare(b.version) || (a.pid ?? 0) - (b.pid ?? 0));
  }

  /** Kills every environment and waits until their processes are gone. */
  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    const deaths: Promise<void>[] = [];
    for (const pool of this.pools.values()) {
      for (const env of pool) {
        deaths.push(new Promise((resolve) => env.whenDead(resolve)));
        env.dispose();
      }
    }
    await Promise.all(deaths);
  }

  /** Last resort at process exit: synchronous kills only. */
  killAllNow(): void {
    for (const pool of this.pools.values()) for (const env of pool) env.dispose();
  }

  /** Kills the environments idle for idleTimeoutMs or longer; the sweeper calls it every idleTimeoutMs / 2 (50 ms to 1 s). */
  expireIdle(): void {
    const now = this.clock.now();
    for (const pool of this.pools.values()) {
      for (const env of pool) {
        if (env.state === 'idle' && !this.claimed.has(env) && now - this.lastFree(env) >= this.idleTimeoutMs) env.dispose();
      }
    }
  }

  private lastFree(env: ExecutionEnvironment): number {
    return this.freeSince.get(env) ?? env.lastUsedAt;
  }

  private pool(functionName: string, version: string): Set<ExecutionEnvironment> {
    const key = `${functionName}\0${version}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new Set();
      this.pools.set(key, pool);
    }
    return pool;
  }
}
