#!/usr/bin/env node
// The `memories` command: everything lives in the built bundle (npm run build).
import '../dist/memories.cjs';
