#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/ (built by `npm ci` via the prepare script).
import { main } from '../dist/src/cli/main.js';
process.exitCode = await main(process.argv.slice(2));
