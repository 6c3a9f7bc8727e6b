// Where the emulator reads the time that decides behaviour (today: how long
// an environment has been idle, hence when it expires). The system clock by
// default; a test injects a clock it advances by hand, so that "warm within
// the idle timeout" and "cold after it" do not depend on how fast a loaded
// host runs the test. Durations the emulator measures and reports (REPORT
// lines, log timestamps) stay on the real clocks: they are what is measured.
export interface Clock {
  /** Milliseconds, monotonic enough for differences (Date.now() by default). */
  now(): number;
}

export const SYSTEM_CLOCK: Clock = { now: () => Date.now() };
