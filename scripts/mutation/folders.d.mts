// Types for folders.mjs (plain JavaScript because stryker.config.mjs imports it without a loader).
export interface MutationFolder {
  /** The source folder, as the score table names it: `src/ir`. */
  folder: string;
  /** File-name form of `folder` for the per-folder report and incremental file: `src-ir`. */
  slug: string;
  /** Globs of the files Stryker mutates. */
  mutate: string[];
  /** Globs of the unit tests run against each mutant. */
  spec: string[];
}
export const MUTATION_FOLDERS: MutationFolder[];
export function mutationFolder(name: string): MutationFolder;
