// `npm run profile-fixtures [-- <app> …]`: measures every fixture's functions
// on the local emulator with `dagc profile --local` (adaptive sampling), which
// replaces fixtures/<app>/profiles/<function>.json — provisional ones included.
// Functions that need an accelerator are skipped (Lambda has none) and keep
// the profile they have. Run `npm run plans` afterwards: new profiles move the
// plans. Profiles measured on a crowded host are noisy; check `uptime` first.
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requested = process.argv.slice(2);
const apps = readdirSync(path.join(root, 'fixtures'))
  .filter((app) => existsSync(path.join(root, 'fixtures', app, 'app.yaml')))
  .filter((app) => requested.length === 0 || requested.includes(app))
  .sort();

let failed = 0;
for (const app of apps) {
  const status = await main(['node', 'dagc', 'profile', path.join(root, 'fixtures', app, 'app.yaml'), '--local']);
  if (status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
