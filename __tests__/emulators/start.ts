/**
 * `npm run emulators`: starts every API emulator on 127.0.0.1 for manual trials, seeds one live key
 * per provider and prints the base URLs and the fake keys (they are emulator keys, valid nowhere else).
 * Ctrl-C stops them.
 */
import { startAnthropicEmulator } from './anthropic.js';
import { DeepSeekEmulator } from './deepseek.js';
import { FULL_PERMISSIONS, startGitHubEmulator } from './github.js';
import { LiteLLMEmulator } from './litellm.js';
import { startOpenAIEmulator } from './openai.js';
import { OpenRouterEmulator } from './openrouter.js';

const openai = await startOpenAIEmulator();
const anthropic = await startAnthropicEmulator();
const openrouter = new OpenRouterEmulator();
await openrouter.start();
const litellm = new LiteLLMEmulator();
await litellm.start();
const deepseek = new DeepSeekEmulator();
await deepseek.start();
const github = await startGitHubEmulator({ owner: 'acme', repo: 'app' });
github.addToken('emulator-token', FULL_PERMISSIONS);

const rows: [string, string, string][] = [
  ['openai', openai.apiBase, `live key ${openai.addKey().value}  admin key ${openai.addAdminKey().value}`],
  [
    'anthropic',
    anthropic.baseUrl,
    `live key ${anthropic.addKey().value}  admin key ${anthropic.addAdminKey()}`,
  ],
  [
    'openrouter',
    `${openrouter.server.baseUrl}/api/v1`,
    `live key ${openrouter.seedKey()}  management key ${openrouter.seedManagementKey()}`,
  ],
  ['litellm', litellm.server.baseUrl, `live key ${litellm.seedKey()}  master key ${litellm.masterKey}`],
  ['deepseek', deepseek.server.baseUrl, `live key ${deepseek.seedKey()}`],
  ['github', github.baseUrl, 'token emulator-token (repo acme/app)'],
];
for (const [id, url, keys] of rows) console.log(`${id.padEnd(11)} ${url}\n            ${keys}`);
console.log(
  '\nTry: echo "<live key>" | node dist/cli.js verify --openai-base-url <openai url>\nCtrl-C to stop.',
);
process.on('SIGINT', async () => {
  await Promise.all([openai, anthropic, openrouter, litellm, deepseek, github].map((e) => e.stop()));
  process.exit(0);
});
