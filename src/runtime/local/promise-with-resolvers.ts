// aws-local-stepfunctions 3.0.0 declares Node ≥ 22 and, on Node 20, fails at
// its first Task on Promise.withResolvers (new in Node 22). With this one
// function supplied, its Task/Parallel/Map/Choice/Retry/Catch behave as on
// Node 22 (design.md, measured). Installed only by the local run, only when
// missing, and before the interpreter is imported.
export function ensurePromiseWithResolvers(): void {
  const ctor = Promise as unknown as { withResolvers?: unknown };
  if (typeof ctor.withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>(this: PromiseConstructor) {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new this<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
