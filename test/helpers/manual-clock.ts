// A clock a test advances by hand (src/emulator/clock.ts), so behaviour that
// depends on elapsed time is tested at exact instants rather than with sleeps
// whose length a loaded host stretches.
import type { Clock } from '../../src/emulator/clock.ts';

export class ManualClock implements Clock {
  constructor(private nowMs = 1_000_000) {}

  now(): number {
    return this.nowMs;
  }

  advance(ms: number): void {
    this.nowMs += ms;
  }
}
