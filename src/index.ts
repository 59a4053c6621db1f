// Action entry point: the runner executes dist/index.js, which only calls run().
import { run } from './main.js';

await run();
