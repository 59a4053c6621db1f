import { closeIncidentIfResolved } from '../../src/incident/close.js';
import { type Journal, newJournal, parseJournal, serializeJournal } from '../../src/incident/journal.js';
import { HUMAN_CHECKLIST, renderIncident } from '../../src/incident/render.js';
import { Secret } from '../../src/scan/secret.js';
import type { Finding } from '../../src/types.js';
import { KeyGen } from '../helpers/keygen.js';
import { FakeIncidents } from '../rotate/fakes.js';

const gen = new KeyGen(11);
const key = new Secret(gen.openaiProject());
const sha = gen.sha();

function journal(over: Partial<Journal> = {}): Journal {
  return {
    ...newJournal({
      fingerprint: key.fingerprint,
      redacted: key.redacted,
      provider: 'openai',
      mode: 'rotate',
      now: 'T0',
    }),
    ...over,
  };
}

const finding: Finding = {
  ruleId: 'openai-project-key',
  provider: 'openai',
  candidates: ['openai'],
  description: 'OpenAI project key',
  file: 'src/config/app settings.ts',
  line: 12,
  column: 5,
  secret: key,
  redacted: key.redacted,
  fingerprint: key.fingerprint,
  source: 'history',
  commit: { sha, author: 'Dev One', email: 'dev@example.com', date: '2026-01-02T00:00:00Z' },
  verification: {
    status: 'live',
    provider: 'openai',
    endpoint: 'GET /v1/models',
    httpStatus: 200,
    detail: 'the provider accepted the key',
    checkedAt: '2026-01-09T09:00:00Z',
  },
};

const repo = {
  owner: 'acme',
  repo: 'app',
  apiUrl: 'https://api.github.com',
  serverUrl: 'https://github.com',
};

describe('journal', () => {
  it('round-trips through an issue body', () => {
    const j = journal({ steps: [{ step: 'plan', status: 'done', at: 'T1', runId: '1' }] });
    expect(parseJournal(`# text\n\n${serializeJournal(j)}\n\nmore`)).toEqual(j);
  });

  it('cannot be cut short by a `-->` inside a value', () => {
    const j = journal({ manual: ['step --> next'] });
    expect(parseJournal(serializeJournal(j))?.manual).toEqual(['step --> next']);
  });

  it('reads as null from a body without a journal or with a broken one', () => {
    expect(parseJournal('just text')).toBeNull();
    expect(parseJournal('<!-- keyguard-journal\n{broken\n-->')).toBeNull();
  });
});

describe('renderIncident', () => {
  const body = renderIncident({
    journal: journal({
      status: 'rotated',
      steps: [
        { step: 'create', status: 'done', at: '2026-01-09T10:00:00Z', runId: '77', detail: 'key id key_9' },
      ],
      policy: {
        name: 'prod-chat-api-20260109',
        enforced: ['scopes api.model.request'],
        notEnforced: ['60 rpm'],
      },
    }),
    providerName: 'OpenAI',
    finding,
    repo,
    targets: [{ name: 'OPENAI_API_KEY', scope: { kind: 'env', environment: 'prod' } }],
    auditMarkdown: '12 requests from 2 IPs in the last 7 days',
  });

  it('names the provider and the redacted key, never the key', () => {
    expect(body).toContain(`Leaked OpenAI key ${key.redacted}`);
    expect(body).toContain(key.fingerprint);
    expect(body).not.toContain(key.reveal());
  });

  it('links the file and line at the introducing commit', () => {
    expect(body).toContain(
      `[\`src/config/app settings.ts:12\`](https://github.com/acme/app/blob/${sha}/src/config/app%20settings.ts#L12)`,
    );
    expect(body).toContain(`(https://github.com/acme/app/commit/${sha}) by Dev One`);
  });

  it('shows the verification evidence from detection', () => {
    expect(body).toContain('- At detection: **live** (`GET /v1/models` → 200, 2026-01-09T09:00:00Z)');
  });

  it('shows the timeline, the policy and what could not be enforced', () => {
    expect(body).toContain('`2026-01-09T10:00:00Z` **create** done (run 77) — key id key_9');
    expect(body).toContain('Name: `prod-chat-api-20260109`');
    expect(body).toContain('**Not enforced by the provider (do it by hand):** 60 rpm');
  });

  it('carries the whole human checklist', () => {
    for (const item of HUMAN_CHECKLIST) expect(body).toContain(`- [ ] ${item}`);
    for (const word of [
      'Jenkins',
      'GitLab CI',
      'CircleCI',
      'AWS Secrets Manager',
      'Kubernetes',
      'restart',
      'OAuth',
      'max-key-age',
      'history',
    ])
      expect(body).toContain(word);
  });

  it('appends the audit section and ends with the journal', () => {
    expect(body).toContain('### Audit\n\n12 requests from 2 IPs');
    expect(parseJournal(body)?.status).toBe('rotated');
  });
});

describe('closeIncidentIfResolved', () => {
  async function withIncident() {
    const incidents = new FakeIncidents();
    await incidents.create(key.fingerprint, 't', 'b');
    return incidents;
  }

  it('closes with a comment when the key is revoked and no longer in HEAD', async () => {
    const incidents = await withIncident();
    const out = await closeIncidentIfResolved({
      incidents,
      fingerprint: key.fingerprint,
      leakedState: 'revoked',
      inHead: false,
    });
    expect(out).toBe('closed');
    expect(incidents.issues[0].state).toBe('closed');
    expect(incidents.issues[0].comments[0]).toContain('revoked and it is no longer in HEAD');
  });

  it.each([
    ['live', false],
    ['unknown', false],
    ['revoked', true],
  ] as const)('keeps it open when the key is %s and in HEAD is %s', async (leakedState, inHead) => {
    const incidents = await withIncident();
    expect(
      await closeIncidentIfResolved({ incidents, fingerprint: key.fingerprint, leakedState, inHead }),
    ).toBe('kept-open');
    expect(incidents.issues[0].state).toBe('open');
  });

  it('does nothing when there is no incident', async () => {
    const incidents = new FakeIncidents();
    expect(
      await closeIncidentIfResolved({ incidents, fingerprint: 'x', leakedState: 'revoked', inHead: false }),
    ).toBe('no-incident');
  });
});
