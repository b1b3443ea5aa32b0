// Store packages: builds, then zips dist/chrome and dist/firefox into out/ (web-ext's own zipper for
// both, so no `zip` binary is needed), and the committed sources for the add-on reviewers.
// Usage: npm run package   →  out/publipostage-one-{chrome,firefox,source}-<version>.zip
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync, statSync, rmSync } from 'node:fs';
import path from 'node:path';
import webExt from 'web-ext';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'out');
const { version } = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));

execFileSync(process.execPath, [path.join(root, 'build.mjs')], { cwd: root, stdio: 'inherit' });
mkdirSync(out, { recursive: true });

const made = [];
for (const target of ['chrome', 'firefox']) {
  const sourceDir = path.join(root, 'dist', target);
  const built = JSON.parse(readFileSync(path.join(sourceDir, 'manifest.json'), 'utf8'));
  if (built.version !== version) throw new Error(`dist/${target}: version ${built.version}, manifest.json says ${version}`);
  const filename = `publipostage-one-${target}-${version}.zip`;
  await webExt.cmd.build({ sourceDir, artifactsDir: out, filename, overwriteDest: true }, { shouldExitProgram: false });
  made.push(path.join(out, filename));
}

// Minified bundles: Firefox's reviewers ask for the sources that build them (committed files only).
const source = path.join(out, `publipostage-one-source-${version}.zip`);
try {
  rmSync(source, { force: true });
  execFileSync('git', ['archive', '--format=zip', `--output=${source}`, 'HEAD'], { cwd: root, stdio: ['ignore', 'inherit', 'ignore'] });
  made.push(source);
} catch {
  rmSync(source, { force: true });
  console.warn('(not a git checkout: source archive skipped)');
}

for (const f of made) console.log(`${path.relative(root, f)}  ${Math.round(statSync(f).size / 1024)} KiB`);
