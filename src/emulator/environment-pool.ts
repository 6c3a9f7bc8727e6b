// The execution environments of every function version, and which one serves
// the next invocation: an idle environment of the current generation if there
// is one (the most recently used, so a steady trickle keeps one warm), else
// none and the caller starts a cold one. Environments of an older generation
// are retired (killed when idle, or when their invocation ends); idle ones
// expire after `idleTimeoutMs`, as Lambda reclaims idle sandboxes. A pool
// never holds a dead environment. Scans are linear in the pool's size.
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

  constructor(private readonly idleTimeoutMs: number) {
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
      if (!best || env.lastUsedAt > best.lastUsedAt) best = env;
    }
    if (best) this.claimed.add(best);
    return best;
  }

  /** Adds a new (initializing) environment, claimed by the invocation that started it. */
  add(env: ExecutionEnvironment): void {
    const pool = this.pool(env.spec.functionName, env.spec.version);
    pool.add(env);
    this.claimed.add(env);
    env.whenDead(() => pool.delete(env));
  }

  /** The invocation is over: the environment may serve the next one. */
  release(env: ExecutionEnvironment): void {
    this.claimed.delete(env);
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
    const now = Date.now();
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
          idleForMs: env.state === 'idle' ? now - env.lastUsedAt : 0,
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

  private expireIdle(): void {
    const now = Date.now();
    for (const pool of this.pools.values()) {
      for (const env of pool) {
        if (env.state === 'idle' && !this.claimed.has(env) && now - env.lastUsedAt >= this.idleTimeoutMs) env.dispose();
      }
    }
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
