import { forSlack, forTeams } from '../../src/text/inert.js';

const Z = '\u200b';

describe('forSlack', () => {
  it.each([
    ['<!channel> ping', '&lt;!channel&gt; ping'],
    ['<@U123>', `&lt;@${Z}U123&gt;`],
    ['<https://evil.example|click>', `&lt;https:${Z}//evil.example|click&gt;`],
    ['@here now', `@${Z}here now`],
    ['*bold* _it_ ~s~ `c`', `*${Z}bold*${Z} _${Z}it_${Z} ~${Z}s~${Z} \`${Z}c\`${Z}`],
    ['a & b', 'a &amp; b'],
    ['line\nbreak', 'line break'],
    ['bidi\u202eevil', 'bidi\\u202eevil'],
  ])('makes %j inert', (input, output) => {
    expect(forSlack(input)).toBe(output);
  });
});

describe('forTeams', () => {
  it.each([
    ['[click](https://evil.example)', `\\[click\\](https:${Z}//evil.example)`],
    ['<img src=x>', `<${Z}img src=x>`],
    ['**bold** `code`', '\\*\\*bold\\*\\* \\`code\\`'],
    ['@team', `@${Z}team`],
    ['two\r\nlines', 'two lines'],
  ])('makes %j inert', (input, output) => {
    expect(forTeams(input)).toBe(output);
  });
});
