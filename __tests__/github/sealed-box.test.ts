import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { SealedBoxError, sealSecret, sodiumReady } from '../../src/github/sealed-box.js';
import { KeyGen } from '../helpers/keygen.js';

async function keypair() {
  const s = await sodiumReady();
  const kp = s.crypto_box_keypair();
  return { s, kp, publicKey: s.to_base64(kp.publicKey, s.base64_variants.ORIGINAL) };
}

describe('sealSecret', () => {
  it('seals a value that the private key opens back to the same text', async () => {
    const { s, kp, publicKey } = await keypair();
    const key = new KeyGen(7).openaiProject();
    const sealed = await sealSecret(key, publicKey);
    const opened = s.crypto_box_seal_open(
      s.from_base64(sealed, s.base64_variants.ORIGINAL),
      kp.publicKey,
      kp.privateKey,
      'text',
    );
    expect(opened).toBe(key);
  });

  it('returns standard padded base64 of the value plus 48 bytes', async () => {
    const { publicKey } = await keypair();
    const sealed = await sealSecret('x'.repeat(10), publicKey);
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(sealed, 'base64').length).toBe(10 + 48);
  });

  it('never returns the value in clear', async () => {
    const { publicKey } = await keypair();
    const key = new KeyGen(8).anthropic();
    const sealed = await sealSecret(key, publicKey);
    expect(sealed).not.toContain(key);
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain(key);
  });

  it('rejects a public key of the wrong length', async () => {
    await expect(sealSecret('v', Buffer.alloc(16).toString('base64'))).rejects.toThrow(SealedBoxError);
  });

  it('rejects a public key that is not base64', async () => {
    await expect(sealSecret('v', '***not base64***')).rejects.toThrow('not valid base64');
  });
});

describe('sealSecret bundled by esbuild into ESM', () => {
  it('runs from a temp dir outside node_modules and seals a box that opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-sealed-'));
    try {
      const entry = join(dir, 'entry.ts');
      const src = resolve('src/github/sealed-box.ts');
      writeFileSync(
        entry,
        `import { sealSecret, sodiumReady } from ${JSON.stringify(src)};
const s = await sodiumReady();
const kp = s.crypto_box_keypair();
const sealed = await sealSecret('bundled-ok', s.to_base64(kp.publicKey, s.base64_variants.ORIGINAL));
const raw = s.from_base64(sealed, s.base64_variants.ORIGINAL);
console.log(s.crypto_box_seal_open(raw, kp.publicKey, kp.privateKey, 'text'));
`,
      );
      // Same settings as scripts/bundle.mjs.
      await build({
        entryPoints: [entry],
        outfile: join(dir, 'out', 'bundle.mjs'),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        conditions: ['node'],
        mainFields: ['module', 'main'],
        banner: {
          js:
            "import { createRequire as __kgCreateRequire } from 'node:module';\n" +
            'const require = __kgCreateRequire(import.meta.url);',
        },
        logLevel: 'silent',
      });
      const out = execFileSync(process.execPath, [join(dir, 'out', 'bundle.mjs')], {
        cwd: join(dir, 'out'),
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      expect(out.trim()).toBe('bundled-ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
