// Kills collection writers at random moments and checks that the file is always the old one or
// the new one, never torn, and that the next run cleans up after the dead one (its temporary
// file and its lock). Run with `npm run kill-loop [-- ROUNDS]` after `npm run build`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { loadCollection } = require('../dist/parse.cjs');
const BIN = new URL('../bin/memories.js', import.meta.url).pathname;
const rounds = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'memories-kill-'));
const file = join(dir, 'collection.yaml');
const env = { PATH: process.env.PATH, NO_COLOR: '1', MEMORIES_COLLECTION: file, XDG_CACHE_HOME: join(dir, 'cache') };
const ids = ['memories-us-dvd-2004', 'memories-gb-dvd-2004', 'memories-jp-dvd-1999', 'robot-carnival-discotek-uhd'];

const owned = () => {
  const { collection, problems } = loadCollection(file);
  if (problems.errorCount > 0) throw new Error(`round left a broken file:\n${readFileSync(file, 'utf8')}`);
  return collection.owned
    .map((o) => o.release)
    .sort()
    .join(',');
};

const runOnce = (args, killAfter) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'ignore' });
    const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? code);
    });
  });

let killed = 0;
await runOnce(['own', ids[0]]);
for (let round = 0; round < rounds; round++) {
  const before = owned();
  const id = ids[round % ids.length];
  const args = before.split(',').includes(id) ? ['unown', id] : ['own', id];
  const outcome = await runOnce(args, 30 + Math.random() * 150);
  if (outcome === 'SIGKILL') killed++;
  const after = owned();
  const changed =
    args[0] === 'own'
      ? [...before.split(','), id].filter(Boolean).sort().join(',')
      : before
          .split(',')
          .filter((x) => x !== id)
          .join(',');
  if (after !== before && after !== changed) throw new Error(`round ${round}: ${before} became ${after}, neither old nor new`);
  if (outcome === 0 && after !== changed) throw new Error(`round ${round}: reported success but the change is missing`);
}
// The next run takes over whatever lock a killed run held and removes its temporary files.
if ((await runOnce(['own', ids[1]])) !== 0 && (await runOnce(['own', ids[2]])) !== 0) throw new Error('a run after the kills failed');
const left = readdirSync(dir).filter((n) => n !== 'cache');
if (left.join() !== 'collection.yaml') throw new Error(`left behind: ${left.join(', ')}`);
process.stdout.write(`kill loop: ${rounds} rounds, ${killed} killed mid-run, the file was always whole, nothing left behind\n`);
