// Build: esbuild bundles, then dist/chrome and dist/firefox from the one manifest.json.
// Usage: node build.mjs [--watch]
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile, copyFile, readdir } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);
const watch = process.argv.includes('--watch');
const targets = ['chrome', 'firefox'];

const entries = {
  content: 'content/content.ts',
  background: 'popup/background/background.ts',
  panel: 'popup/panel/panel-main.tsx',
  popup: 'popup/toolbar/popup.tsx',
  options: 'popup/options/options.tsx',
  // A dedicated worker (new Worker(runtime.getURL('pdf-worker.js'))): a script of the extension, so the
  // pages' CSP `script-src 'self'` allows it, in Chrome and in Firefox MV3 alike.
  'pdf-worker': 'popup/panel/pdf-worker.ts',
};

/** Folders of popup/ whose .html and .css are copied flat into dist/<target>/. */
const STATIC_ROOMS = ['panel', 'options', 'toolbar', 'shared'];

const common = {
  bundle: true,
  format: 'iife',
  target: ['chrome120', 'firefox128'],
  minify: !process.env.PP1_NO_MINIFY,
  sourcemap: false,
  legalComments: 'none',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  // jsPDF's optional html()/svg helpers: never used, never bundled.
  alias: {
    html2canvas: './popup/shared/empty-stub.ts',
    canvg: './popup/shared/empty-stub.ts',
    dompurify: './popup/shared/empty-stub.ts',
  },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

/** The UI strings live in src/i18n/ui.ts (typed, fr and en with the same keys); _locales is generated. */
async function loadUiStrings() {
  const out = await esbuild.build({ entryPoints: [path.join(root, 'src/i18n/ui.ts')], bundle: true, format: 'esm', write: false, platform: 'neutral' });
  const mod = await import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
  return mod.UI;
}

function localeFile(dict) {
  const out = {};
  for (const [k, v] of Object.entries(dict)) out[k.replace(/[^A-Za-z0-9_]/g, '_')] = { message: v };
  return JSON.stringify(out, null, 2) + '\n';
}

// A tiny PNG writer for the icons (a blue rounded square with a white "sheet"): no image assets to keep.
function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function icon(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const r = size * 0.2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const i = y * (size * 4 + 1) + 1 + x * 4;
      const dx = Math.max(r - x, x - (size - 1 - r), 0), dy = Math.max(r - y, y - (size - 1 - r), 0);
      const inside = dx * dx + dy * dy <= r * r;
      const sheet = x > size * 0.28 && x < size * 0.72 && y > size * 0.2 && y < size * 0.8;
      const line = sheet && size >= 32 && [0.38, 0.5, 0.62].some((f) => Math.abs(y - size * f) < size * 0.03) && x < size * 0.64;
      const [R, G, B] = line ? [0x1f, 0x5f, 0xbf] : sheet ? [255, 255, 255] : [0x1f, 0x5f, 0xbf];
      raw[i] = R; raw[i + 1] = G; raw[i + 2] = B; raw[i + 3] = inside ? 255 : 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function manifestFor(target, base) {
  const m = structuredClone(base);
  if (target === 'chrome') {
    delete m.browser_specific_settings;
  } else {
    m.background = { scripts: ['background.js'] };
    delete m.side_panel;
    m.permissions = m.permissions.filter((p) => p !== 'sidePanel');
    m.sidebar_action = { default_panel: 'panel.html', default_title: '__MSG_actionTitle__', default_icon: m.action.default_icon, open_at_install: false };
  }
  return m;
}

async function copyStatic(dir) {
  const base = JSON.parse(await readFile(path.join(root, 'manifest.json'), 'utf8'));
  // Each page keeps its html/css in its own folder; the extension wants them side by side at the root.
  for (const room of STATIC_ROOMS) {
    for (const f of await readdir(path.join(root, 'popup', room))) {
      if (f.endsWith('.html') || f.endsWith('.css')) await copyFile(path.join(root, 'popup', room, f), path.join(dir, f));
    }
  }
  await mkdir(path.join(dir, 'fonts'), { recursive: true });
  for (const f of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono-Bold.ttf'])
    await copyFile(path.join(root, 'node_modules/dejavu-fonts-ttf/ttf', f), path.join(dir, 'fonts', f));
  await mkdir(path.join(dir, 'icons'), { recursive: true });
  for (const s of [16, 32, 48, 128]) await writeFile(path.join(dir, 'icons', `icon-${s}.png`), icon(s));
  const ui = await loadUiStrings();
  for (const lang of Object.keys(ui)) {
    await mkdir(path.join(dir, '_locales', lang), { recursive: true });
    await writeFile(path.join(dir, '_locales', lang, 'messages.json'), localeFile(ui[lang]));
  }
  return base;
}

/** Store reviewers and our CSP forbid code built from strings: refuse to ship any. */
async function checkNoEval(dir) {
  const bad = [];
  for (const f of await readdir(dir)) {
    if (!f.endsWith('.js')) continue;
    const js = await readFile(path.join(dir, f), 'utf8');
    for (const re of [/\beval\s*\(/, /\bnew\s+Function\s*\(/, /\bFunction\s*\(\s*["'`]/]) {
      const m = re.exec(js);
      if (m) bad.push(`${f}: ${js.slice(Math.max(0, m.index - 40), m.index + 40)}`);
    }
  }
  if (bad.length) throw new Error(`eval / new Function in the build output:\n${bad.join('\n')}`);
}

async function buildTarget(target) {
  const dir = path.join(root, 'dist', target);
  const options = {
    ...common,
    entryPoints: Object.entries(entries).map(([out, inp]) => ({ out, in: path.join(root, inp) })),
    outdir: dir,
  };
  const finish = async () => {
    const base = await copyStatic(dir);
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifestFor(target, base), null, 2) + '\n');
    await checkNoEval(dir);
  };
  if (watch) {
    const ctx = await esbuild.context({ ...options, plugins: [{ name: 'static', setup: (b) => b.onEnd(() => finish().catch((e) => console.error(e.message))) }] });
    await ctx.watch();
    return;
  }
  await esbuild.build(options);
  await finish();
}

const t0 = Date.now();
await rm(path.join(root, 'dist'), { recursive: true, force: true });
await Promise.all(targets.map(buildTarget));
if (watch) console.log('watching… (dist/chrome, dist/firefox)');
else console.log(`built dist/chrome and dist/firefox in ${Date.now() - t0} ms`);
