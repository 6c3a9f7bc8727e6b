// Every CLI command, one file each. Order here is the order in --help.
import type { Command } from 'commander';
import type { CliIo } from '../run-command.ts';
import { registerCalibrate } from './calibrate.ts';
import { registerEmit } from './emit.ts';
import { registerDiff } from './diff.ts';
import { registerEmulator } from './emulator.ts';
import { registerExplain } from './explain.ts';
import { registerImport } from './import.ts';
import { registerOptimize } from './optimize.ts';
import { registerProfile } from './profile.ts';
import { registerRun } from './run.ts';
import { registerReport } from './report.ts';
import { registerSimulate } from './simulate.ts';
import { registerValidate } from './validate.ts';

export type RegisterCommand = (program: Command, io: CliIo, setExitCode: (code: number) => void) => void;

export const commandModules: RegisterCommand[] = [registerValidate, registerImport, registerProfile, registerOptimize, registerSimulate, registerExplain, registerReport, registerDiff, registerEmit, registerRun, registerCalibrate, registerEmulator];
