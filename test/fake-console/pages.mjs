// HTML pages of the fake console: a timeline shell and the old console's stub. /admin/* is entcore's
// real console (real-admin.mjs), /directory/class-admin entcore's real class page (real-class-page.mjs).
import { escapeHtml as e, sendHtml, send } from './http-util.mjs';

export function isPagePath(method, path) {
  return (method === 'GET' || method === 'HEAD') && (path.startsWith('/timeline') || path === '/directory/admin-console');
}

const STYLE = `body{font-family:Roboto,Arial,sans-serif;margin:0;background:#f2f2f2;color:#333}
header.navbar{background:#ffb600;padding:8px 16px;display:flex;gap:16px;align-items:center}
header.navbar a{color:#fff;font-weight:bold;text-decoration:none}
main{padding:16px 24px}.container.has-shadow{background:#fff;box-shadow:0 2px 6px #0002;padding:16px;margin-top:12px}
button.tab{border:0;background:#ddd;padding:8px 14px;margin-right:4px;cursor:pointer}button.tab.active{background:#fff;font-weight:bold}
table{border-collapse:collapse;width:100%;margin-top:12px}th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;font-size:13px}
tbody tr{cursor:pointer}tbody tr:hover{background:#fff7e0}.message{margin:8px 0;padding:8px;border-radius:4px}.message.is-info{background:#e6f3ff}.message.is-warning{background:#fff4d6}
.filters{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}ode-multi-combo{display:block;border:1px solid #ccc;padding:4px;min-width:200px}
ode-multi-combo li{list-style:none;cursor:pointer;padding:2px 4px}ode-multi-combo li.selected{background:#ffe7a3}
.lightbox{position:fixed;inset:0;background:#0006;display:flex;align-items:center;justify-content:center}.lightbox>section{background:#fff;padding:20px;min-width:360px}
.toast{position:fixed;right:16px;bottom:16px;background:#333;color:#fff;padding:10px 16px;border-radius:4px}`;

function layout(title, body, { bodyClass = '' } = {}) {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${e(title)}</title>
<link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body class="${e(bodyClass)}">
<header class="navbar"><a href="/timeline/timeline">ONE</a><a href="/timeline/timeline">Fil de nouveautés</a></header>
${body}
</body></html>`;
}

export function handlePage(ctx) {
  const { res, path } = ctx;
  if (path === '/directory/admin-console') return sendHtml(res, 200, layout('Console d\'administration', '<main><h1>Console d\'administration</h1><p>Onglet « Export et publipostage » (ancienne console, non simulée).</p></main>'));
  if (path.startsWith('/timeline')) {
    return sendHtml(res, 200, layout('Fil de nouveautés - ONE', `<main id="timeline"><h1>Fil de nouveautés</h1>
<ul class="notifications"><li>Bienvenue sur ONE, ${e(ctx.user.displayName)} !</li><li>Nouvelle actualité : « Sortie au musée » (CE1 A)</li></ul></main>`));
  }
  return send(res, 404, 'Not found');
}
