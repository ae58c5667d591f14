#!/usr/bin/env node
// The `chatgptt` command: the built CLI (npm install runs the build).
import '../dist/cli.js';
