import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Detector } from '../../src/scan/detector.js';
import { scanTree } from '../../src/sources/tree.js';
import { KeyGen } from '../helpers/keygen.js';

const gen = new KeyGen(21);
const det = new Detector();

describe('scanTree', () => {
  let root: string;
  let outside: string;
  const keys = {
    dotenv: gen.openaiProject(),
    dotfile: gen.deepseek(),
    nested: gen.moonshot(),
    git: gen.openaiProject(),
    outside: gen.openaiProject(),
    allowed: gen.openaiProject(),
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'kg-tree-'));
    outside = mkdtempSync(join(tmpdir(), 'kg-outside-'));
    writeFileSync(join(outside, 'secret.txt'), `k=${keys.outside}\n`);
    writeFileSync(join(root, '.env.local'), `# local\nOPENAI_API_KEY=${keys.dotenv}\n`);
    writeFileSync(join(root, '.npmrc'), `token=${keys.dotfile}\n`);
    mkdirSync(join(root, 'src', 'deep'), { recursive: true });
    writeFileSync(join(root, 'src', 'deep', 'conf.ts'), `\n\nconst k = '${keys.nested}';\n`);
    writeFileSync(join(root, 'src', 'ok.ts'), `const k = '${keys.allowed}'; // keyguard:allow\n`);
    mkdirSync(join(root, '.git', 'objects'), { recursive: true });
    writeFileSync(join(root, '.git', 'config'), `k=${keys.git}\n`);
    symlinkSync(outside, join(root, 'link-out'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'file-link-out'));
    symlinkSync(root, join(root, 'src', 'loop'));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('scans dotfiles and .env files and reports relative forward-slash paths with lines', async () => {
    const r = await scanTree(root, det);
    const seen = r.hits.map((h) => `${h.file}:${h.key.line}:${h.key.column}`).sort();
    expect(seen).toEqual(['.env.local:2:16', '.npmrc:1:7', 'src/deep/conf.ts:3:12']);
  });

  it('skips .git, never follows symlinks out of the tree and survives a symlink loop', async () => {
    const r = await scanTree(root, det);
    const found = r.hits.map((h) => h.key.key);
    expect(found).not.toContain(keys.git);
    expect(found).not.toContain(keys.outside);
    expect(r.files).toBe(4);
  });

  it('drops inline-allowed keys and counts them as suppressed', async () => {
    const r = await scanTree(root, det);
    expect(r.hits.map((h) => h.key.key)).not.toContain(keys.allowed);
    expect(r.suppressed).toBe(1);
  });

  it('applies the path filter callback to relative paths', async () => {
    const r = await scanTree(root, det, { include: (p) => !p.startsWith('src/') });
    expect(r.hits.map((h) => h.file).sort()).toEqual(['.env.local', '.npmrc']);
  });

  it('skips files over max-file-size with a warning', async () => {
    const r = await scanTree(root, det, { maxFileSize: 10 });
    expect(r.hits).toEqual([]);
    expect(r.warnings.some((w) => w.file === '.npmrc' && /max-file-size/.test(w.message))).toBe(true);
  });

  it('turns a file that vanishes before it is read into a warning, not a crash', async () => {
    const gone = join(root, 'vanishing.txt');
    writeFileSync(gone, `k=${gen.openaiProject()}\n`);
    const r = await scanTree(root, det, {
      include: (p) => {
        if (p === 'vanishing.txt') unlinkSync(gone);
        return true;
      },
    });
    expect(r.warnings).toEqual([
      { file: 'vanishing.txt', message: expect.stringMatching(/not readable.*ENOENT/) },
    ]);
  });

  const asRoot = process.getuid?.() === 0;
  (asRoot ? it.skip : it)(
    'reports an unreadable file as a warning (not run as root: root reads anyway)',
    async () => {
      const p = join(root, 'locked.txt');
      writeFileSync(p, 'x');
      chmodSync(p, 0);
      try {
        const r = await scanTree(root, det);
        expect(r.warnings.some((w) => w.file === 'locked.txt' && /EACCES/.test(w.message))).toBe(true);
      } finally {
        unlinkSync(p);
      }
    },
  );

  it('never puts a whole key in a warning', async () => {
    const r = await scanTree(root, det, { maxFileSize: 10 });
    const text = JSON.stringify(r.warnings);
    for (const k of Object.values(keys)) expect(text).not.toContain(k);
  });
});
