#!/usr/bin/env node
// The `memories` command: everything lives in the built bundle (npm run build). This file is
// CommonJS (bin/package.json says so): starting Node's ES module loader for a two-line shim
// cost about 8 ms of every run.
require('../dist/launch.cjs');
