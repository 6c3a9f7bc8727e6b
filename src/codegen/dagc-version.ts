// The version of dagc that wrote a plan, read from package.json (the one
// place a release bumps it), so that `dagc diff` can say when two plans were
// made by different optimizers/estimators instead of blaming the deployment
// for a change the tool made.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const DAGC_VERSION: string = (require('../../package.json') as { version: string }).version;
