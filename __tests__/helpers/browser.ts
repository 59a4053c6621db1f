/**
 * Renders Markdown as GitHub does (GFM via `marked`, alerts, GitHub's own stylesheet from
 * `github-markdown-css`, Mermaid blocks drawn by the `mermaid` package) in the system's headless
 * Chromium, driven by `puppeteer-core` (no browser download). The page may load nothing from
 * anywhere: every request but the page itself is refused.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Marked } from 'marked';
import markedAlert from 'marked-alert';
import puppeteer, { type Browser } from 'puppeteer-core';

const require = createRequire(import.meta.url);

/** The system Chromium: KEYGUARD_CHROMIUM, else Debian's or another usual path. */
export function chromiumPath(): string | undefined {
  const candidates = [
    process.env.KEYGUARD_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((p): p is string => Boolean(p) && existsSync(p as string));
}

export function launchBrowser(executablePath: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: true,
    // Root in CI containers: Chromium's sandbox needs user namespaces it may not have.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** GFM to HTML; ```mermaid blocks become `<pre class="mermaid">`, as GitHub hands them to Mermaid. */
export function gfmToHtml(markdown: string): string {
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use(markedAlert());
  marked.use({
    renderer: {
      code({ text, lang }) {
        if (lang === 'mermaid') return `<pre class="mermaid">${escapeHtml(text)}</pre>\n`;
        return false;
      },
    },
  });
  return marked.parse(markdown, { async: false }) as string;
}

export type Theme = 'light' | 'dark';

export interface RenderedChart {
  /** Mermaid's parse error for this block, if any. */
  parseError?: string;
  /** Mermaid drew its error diagram ("Syntax error in text") instead of the chart. */
  errorDiagram: boolean;
  /** Every text node of the drawn SVG: title, axis labels, ticks, legend. */
  texts: string[];
  /** The legend entries Mermaid drew (series titles). */
  legend: string[];
}

export interface RenderedPage {
  charts: RenderedChart[];
  /** Text of the whole page, as a reader sees it. */
  text: string;
}

function page(html: string, theme: Theme): string {
  const css = readFileSync(
    require.resolve(`github-markdown-css/github-markdown-${theme === 'dark' ? 'dark' : 'light'}.css`),
    'utf8',
  );
  const bg = theme === 'dark' ? '#0d1117' : '#ffffff';
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body{margin:0;background:${bg}} .markdown-body{box-sizing:border-box;max-width:1012px;margin:0 auto;padding:32px}
pre.mermaid{background:transparent}</style></head>
<body><article class="markdown-body">${html}</article></body></html>`;
}

/**
 * Runs in the page (plain JavaScript: this project's TypeScript has no DOM types): draws every
 * Mermaid block the way GitHub does, after asking Mermaid to parse each one, and reports per chart
 * the parse error, whether Mermaid drew its error diagram, the SVG's texts and its legend.
 */
const DRAW_CHARTS = `async (theme) => {
  const mermaid = window.mermaid;
  mermaid.initialize({ startOnLoad: false, theme: theme === 'dark' ? 'dark' : 'default' });
  const blocks = [...document.querySelectorAll('pre.mermaid')];
  const parseErrors = [];
  for (const b of blocks) {
    try {
      await mermaid.parse(b.textContent || '');
      parseErrors.push(undefined);
    } catch (err) {
      parseErrors.push(String((err && err.message) || err));
    }
  }
  await mermaid.run({ nodes: blocks, suppressErrors: true });
  return blocks.map((b, i) => {
    const svg = b.querySelector('svg');
    const texts = svg ? [...svg.querySelectorAll('text')].map((t) => t.textContent || '') : [];
    const legend = svg ? [...svg.querySelectorAll('g.legend text')].map((t) => t.textContent || '') : [];
    return {
      parseError: parseErrors[i],
      errorDiagram: !svg || svg.getAttribute('aria-roledescription') === 'error' ||
        /Syntax error in text/i.test(svg.textContent || ''),
      texts,
      legend: [...new Set(legend)],
    };
  });
}`;

/** Renders `markdown` in `browser`, draws its Mermaid blocks, and screenshots the page to `png`. */
export async function renderMarkdown(
  browser: Browser,
  markdown: string,
  opts: { theme: Theme; png?: string; width?: number; chartPngs?: string },
): Promise<RenderedPage> {
  const tab = await browser.newPage();
  try {
    await tab.setViewport({ width: opts.width ?? 1100, height: 900 });
    await tab.setRequestInterception(true);
    // Loopback-only machine, and a page that must render from what it holds: refuse every fetch.
    tab.on('request', (req) => {
      if (req.url().startsWith('data:') || req.url() === 'about:blank') void req.continue();
      else void req.abort();
    });
    await tab.setContent(page(gfmToHtml(markdown), opts.theme), { waitUntil: 'load' });
    await tab.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    const charts = (await tab.evaluate(`(${DRAW_CHARTS})(${JSON.stringify(opts.theme)})`)) as RenderedChart[];
    if (opts.png) {
      mkdirSync(dirname(opts.png), { recursive: true });
      await tab.screenshot({ path: opts.png as `${string}.png`, fullPage: true });
    }
    if (opts.chartPngs) {
      // One picture per chart as well: the page's own screenshot is too tall to look at.
      const blocks = await tab.$$('pre.mermaid');
      for (const [i, b] of blocks.entries())
        await b.screenshot({ path: `${opts.chartPngs}-${i + 1}.png` as `${string}.png` });
    }
    const text = (await tab.evaluate('document.body.innerText')) as string;
    return { charts, text };
  } finally {
    await tab.close();
  }
}

/** Where the browser tests keep their screenshots (git-ignored). */
export const SCREENSHOT_DIR = join(process.cwd(), '__tests__', 'artifacts', 'screenshots');
