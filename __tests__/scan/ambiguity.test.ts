import { Detector } from '../../src/scan/detector.js';
import { KeyGen } from '../helpers/keygen.js';

const detector = new Detector();
const gen = new KeyGen(11);
const one = (text: string) => {
  const found = detector.scan(text);
  expect(found).toHaveLength(1);
  return { ruleId: found[0]!.ruleId, provider: found[0]!.provider, candidates: found[0]!.candidates };
};

describe('shared key shapes', () => {
  it('labels a 32-hex key without context deepseek|dashscope, DeepSeek first', () => {
    expect(one(`API_KEY=${gen.deepseek()}`)).toEqual({
      ruleId: 'deepseek-api-key',
      provider: 'deepseek|dashscope',
      candidates: ['deepseek', 'dashscope'],
    });
  });

  it.each([
    'DASHSCOPE_API_KEY=',
    'QWEN_KEY = ',
    'base_url="https://dashscope.aliyuncs.com/compatible-mode/v1"\nkey=',
    'bailian: ',
  ])('puts DashScope first when the context says %s', (ctx) => {
    expect(one(`${ctx}${gen.deepseek()}\n`)).toMatchObject({
      provider: 'dashscope|deepseek',
      candidates: ['dashscope', 'deepseek'],
    });
  });

  it('keeps DeepSeek first when DeepSeek is named nearer than DashScope', () => {
    const text = `# dashscope below is unused\n${'#\n'.repeat(20)}DEEPSEEK_API_KEY=${gen.deepseek()}\n`;
    expect(one(text).candidates).toEqual(['deepseek', 'dashscope']);
  });

  it('ignores a provider named more than 200 characters away', () => {
    const text = `# DashScope settings\n${'x'.repeat(300)}\nKEY=${gen.deepseek()}\n`;
    expect(one(text).candidates).toEqual(['deepseek', 'dashscope']);
  });

  it('labels 48 lowercase letters siliconflow|moonshot, SiliconFlow first', () => {
    expect(one(`KEY=${gen.siliconflow()}`)).toEqual({
      ruleId: 'siliconflow-api-key',
      provider: 'siliconflow|moonshot',
      candidates: ['siliconflow', 'moonshot'],
    });
  });

  it('follows MOONSHOT_API_KEY alone for a lowercase key, never sending it to SiliconFlow', () => {
    expect(one(`MOONSHOT_API_KEY=${gen.siliconflow()}`)).toMatchObject({
      provider: 'moonshot',
      candidates: ['moonshot'],
    });
  });

  it('labels 48 mixed alphanumerics moonshot|siliconflow, Moonshot first', () => {
    expect(one(`KEY=${gen.moonshot()}`)).toEqual({
      ruleId: 'moonshot-api-key',
      provider: 'moonshot|siliconflow',
      candidates: ['moonshot', 'siliconflow'],
    });
  });

  it('follows the SiliconFlow base URL alone for a mixed key', () => {
    const text = `client = OpenAI(base_url="https://api.siliconflow.cn/v1", api_key="${gen.moonshot()}")`;
    expect(one(text).candidates).toEqual(['siliconflow']);
  });
});

describe('LiteLLM virtual keys', () => {
  it.each([
    'LITELLM_API_KEY=',
    'litellm.api_key = "',
    'OPENAI_BASE_URL=http://localhost:4000\nOPENAI_API_KEY=',
    'PROXY_KEY=',
  ])('reports a 22-character key as litellm after %s', (ctx) => {
    expect(one(`${ctx}${gen.litellm()}"\n`)).toEqual({
      ruleId: 'litellm-virtual-key',
      provider: 'litellm',
      candidates: ['litellm'],
    });
  });

  it('reports the same shape without context as a generic key of unknown provider', () => {
    let key = gen.litellm();
    while (!/[0-9]/.test(key.slice(3)) || !/[A-Za-z]/.test(key.slice(3))) key = gen.litellm();
    expect(one(`API_KEY=${key}\n`)).toEqual({
      ruleId: 'generic-sk-key',
      provider: 'unknown',
      candidates: [],
    });
  });
});

describe('generic sk- keys', () => {
  const generic = () => `sk-${gen.alnum(40)}`;

  it('reports an unrecognised sk- key with no provider when nothing names one', () => {
    expect(one(`TOKEN=${generic()}`)).toEqual({
      ruleId: 'generic-sk-key',
      provider: 'unknown',
      candidates: [],
    });
  });

  it('takes the provider named next to it as the candidate', () => {
    expect(one(`DEEPSEEK_API_KEY=${generic()}`)).toMatchObject({
      provider: 'deepseek',
      candidates: ['deepseek'],
    });
  });

  it('lists several named providers nearest first', () => {
    const text = `# SiliconFlow or Kimi\nMOONSHOT_KEY=${generic()}`;
    expect(one(text).candidates).toEqual(['moonshot', 'siliconflow']);
  });

  it('never names OpenAI for a key that does not have an OpenAI format', () => {
    expect(one(`OPENAI_API_KEY=${generic()}`)).toMatchObject({ provider: 'unknown', candidates: [] });
  });
});

describe('specific prefixes win over generic ones', () => {
  it.each([
    ['openai-project-key', gen.openaiProject()],
    ['openai-service-account-key', gen.openaiServiceAccount()],
    ['openai-admin-key', gen.openaiAdmin()],
    ['openai-legacy-key', gen.openaiLegacy()],
    ['anthropic-api-key', gen.anthropic()],
    ['anthropic-admin-key', gen.anthropicAdmin()],
    ['openrouter-api-key', gen.openrouter()],
    ['groq-api-key', gen.groq()],
    ['xai-api-key', gen.xai()],
    ['perplexity-api-key', gen.perplexity()],
    ['stripe-secret-key', gen.stripeLive()],
    ['stripe-restricted-key', gen.stripeRestricted()],
  ])('reports %s once, by its own rule', (id, key) => {
    const found = detector.scan(`KEY=${key}\n`);
    expect(found.map((f) => f.ruleId)).toEqual([id]);
  });

  it('does not hand a placeholder with a distinctive prefix to the generic rule', () => {
    const placeholder = ['sk', 'proj', 'your-project-key-here-please-1234567890'].join('-');
    expect(detector.scan(`KEY=${placeholder}\n`)).toEqual([]);
  });
});
