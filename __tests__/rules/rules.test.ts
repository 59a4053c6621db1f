import { builtinRules, optionalRules } from '../../src/rules/index.js';
import { awsSecretSample } from '../../src/rules/linked/cloud.js';
import { findNestedQuantifier } from '../../src/scan/custom.js';
import { Detector } from '../../src/scan/detector.js';
import { seededRandom } from '../helpers/keygen.js';
import { CONTEXTS, place } from '../scan/contexts.js';

const rules = builtinRules();
const detector = new Detector({ enableRules: optionalRules().map((r) => r.id) });

/**
 * What must stand near some keys: LiteLLM keys have no prefix of their own (the proxy is named nearby),
 * an AWS key id is a credential only with its secret beside it, a service-account key sits in its JSON.
 */
const PREAMBLES: Record<string, (seed: number) => string> = {
  'litellm-virtual-key': () => '# LiteLLM proxy settings\n',
  'aws-access-key': (seed) => `aws_secret_access_key = ${awsSecretSample(seededRandom(seed))}\n`,
  'google-service-account-key': () => '{"type": "service_account", "project_id": "billing-prod",\n',
};
const preamble = (id: string, seed = 1) => PREAMBLES[id]?.(seed) ?? '';

describe('every rule finds its generated samples in every context', () => {
  const cases = [...rules, ...optionalRules()].flatMap((rule, r) =>
    Object.entries(CONTEXTS).map(([context, template], c) => ({
      rule,
      context,
      template,
      seed: 1000 * r + c,
    })),
  );
  it.each(cases)('$rule.id in $context', ({ rule, template, seed }) => {
    const key = rule.sample(seededRandom(seed));
    const placed = place(template, key, preamble(rule.id, seed));
    const found = detector.scan(placed.text);
    expect(found.map((f) => [f.ruleId, f.key === key, f.line, f.column])).toEqual([
      [rule.id, true, placed.line, placed.column],
    ]);
  });
});

describe('rule definitions', () => {
  it.each(rules.map((r) => [r.id, r] as const))(
    '%s has a global regex without nested quantifiers',
    (_id, rule) => {
      expect(rule.regex.flags).toContain('g');
      expect(findNestedQuantifier(rule.regex.source)).toBeUndefined();
    },
  );

  it.each(rules.map((r) => [r.id, r] as const))(
    '%s samples match the regex whole and start with a keyword',
    (_id, rule) => {
      const random = seededRandom(7);
      for (let i = 0; i < 50; i++) {
        const key = rule.sample(random);
        const re = new RegExp(rule.regex.source, 'y');
        expect(re.exec(key)?.[0]).toBe(key);
        expect(rule.keywords.some((k) => key.startsWith(k))).toBe(true);
      }
    },
  );

  it('gives every rule a unique id', () => {
    const ids = [...rules, ...optionalRules()].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names the candidates of every specific rule, most likely first', () => {
    for (const rule of rules.filter((r) => !r.id.startsWith('generic-'))) {
      expect(rule.candidates.length).toBeGreaterThan(0);
      expect(rule.provider).toBe(rule.candidates.join('|'));
    }
  });

  it('puts the generic sk- rule last so specific prefixes win', () => {
    expect(rules[rules.length - 1]!.id).toBe('generic-sk-key');
  });

  it('keeps Stripe test-mode keys out of the default rules', () => {
    expect(rules.map((r) => r.id)).not.toContain('stripe-test-key');
    expect(optionalRules().map((r) => r.id)).toContain('stripe-test-key');
  });
});

describe('samples in bulk', () => {
  it.each(rules.map((r) => [r.id, r] as const))(
    '%s: 300 random samples are each found once, by this rule',
    (_id, rule) => {
      const random = seededRandom(99);
      const misses: string[] = [];
      for (let i = 0; i < 300; i++) {
        const key = rule.sample(random);
        const text = `${preamble(rule.id, i)}KEY="${key}"\n`;
        const found = detector.scan(text);
        if (found.length !== 1 || found[0]!.key !== key || found[0]!.ruleId !== rule.id) {
          misses.push(found.map((f) => f.ruleId).join(',') || 'nothing');
        }
      }
      expect(misses).toEqual([]);
    },
  );
});

describe('docs/rules.md', () => {
  it('lists every built-in and optional rule by id', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync('docs/rules.md', 'utf8');
    const missing = [...rules, ...optionalRules()]
      .map((r) => r.id)
      .filter((id) => !doc.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });
});
