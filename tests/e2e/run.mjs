// Convenience runner: node tests/e2e/run.mjs [path/to/kiemchung] [more node --test options]
// Runs every *.test.mjs here with node's test runner, one file at a time, against the given
// binary (else KC_E2E_BINARY, else build-test/src/app/kiemchung). ctest calls node --test
// directly; this is for people.
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const env = {...process.env};
if (args[0] && !args[0].startsWith('-')) env.KC_E2E_BINARY = path.resolve(args.shift());
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...args, here], {stdio: 'inherit', env});
process.exit(r.status ?? 1);
