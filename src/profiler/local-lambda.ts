// `dagc profile --local`: starts the emulator on loopback and deploys the
// app's handlers into it under their deployed names, with the memory,
// timeout and architecture app.yaml gives them — so that what follows is
// exactly the --endpoint path. Functions without a handler cannot run
// locally and are left out (profiling them reports them missing).
import { startEmulator } from '../emulator/index.ts';
import type { IR } from '../ir/types.ts';

export interface LocalLambda {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startLocalLambda(ir: IR, deployedNames: ReadonlyMap<string, string>): Promise<LocalLambda> {
  const emulator = await startEmulator();
  for (const [fn, deployedName] of [...deployedNames].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const info = ir.functions.get(fn)!;
    if (info.handlerPath === undefined) continue;
    emulator.registerFunction({
      name: deployedName,
      handlerPath: info.handlerPath,
      memoryMb: info.memoryMb,
      timeoutMs: info.timeoutMs,
      architecture: info.architectures[0]!,
    });
  }
  return { endpoint: emulator.endpoint, stop: () => emulator.close() };
}
