// The folders of the core that `npm run mutation` measures, in the order it runs them (smallest
// first), each with the sources it mutates and the unit tests that must kill those mutants: the tests
// that mirror the folder under test/. Shared by stryker.config.mjs and scripts/mutation.ts so that
// the run and the score table agree on what a folder is.

/** @typedef {{ folder: string, slug: string, mutate: string[], spec: string[] }} MutationFolder */

/** @type {MutationFolder[]} */
export const MUTATION_FOLDERS = [
  folderOf('src/ir', ['src/ir/**/*.ts'], ['test/ir/**/*.test.ts']),
  folderOf('src/codegen', ['src/codegen/**/*.ts'], ['test/codegen/**/*.test.ts']),
  folderOf('src/model', ['src/model/**/*.ts'], ['test/model/**/*.test.ts']),
  folderOf('src/passes/frontier', ['src/passes/frontier/**/*.ts'], ['test/passes/frontier/**/*.test.ts']),
  folderOf('src/sim', ['src/sim/**/*.ts'], ['test/sim/**/*.test.ts']),
  // src/passes without frontier/, which is measured on its own above; its end-to-end tests (test/passes/end-to-end:
  // the whole optimizer on fixtures, ~28 s) are not in the spec, as every mutant of the folder would run them.
  folderOf('src/passes', ['src/passes/*.ts'], ['test/passes/*.test.ts']),
];

/** @returns {MutationFolder} */
function folderOf(folder, mutate, spec) {
  return { folder, slug: folder.replaceAll('/', '-'), mutate, spec };
}

/** @param {string} name  @returns {MutationFolder} */
export function mutationFolder(name) {
  const wanted = name.replace(/\/+$/, '');
  const found = MUTATION_FOLDERS.find((f) => f.folder === wanted);
  if (!found) {
    const known = MUTATION_FOLDERS.map((f) => f.folder).join(', ');
    throw new Error(`unknown mutation folder '${name}': use one of ${known}`);
  }
  return found;
}
