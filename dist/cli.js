#!/usr/bin/env node
import { createRequire as __kgCreateRequire } from 'node:module';
const require = __kgCreateRequire(import.meta.url);

// src/cli.ts
console.log("keyguard: not wired yet");
