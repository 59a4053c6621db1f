#!/usr/bin/env node
// CLI entry point: `keyguard scan|baseline|verify|audit`.
console.log('keyguard: not wired yet');
