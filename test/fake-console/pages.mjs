// HTML pages of the fake console: the teacher class-admin page (§5) and a timeline shell. Rows are
// rendered client-side by inline scripts. /admin/* is entcore's real console (real-admin.mjs).
import { readFileSync } from 'node:fs';
import { escapeHtml as e, jsonForScript, sendHtml, send } from './http-util.mjs';

const here = new URL('.', import.meta.url);
let scripts = null;
function clientScripts() {
  if (!scripts) {
    scripts = {
      classAdmin: readFileSync(new URL('class-admin.client.js', here), 'utf8'),
    };
  }
  return scripts;
}

export function isPagePath(method, path) {
  return (method === 'GET' || method === 'HEAD') && (path.startsWith('/timeline')
    || path === '/directory/class-admin' || path === '/directory/admin-console');
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

function classAdminPage(ctx) {
  const { state, user } = ctx;
  const classes = user.classes.map((id) => state.data.classesById.get(id)).filter(Boolean)
    .map((c) => ({ id: c.id, name: c.name, structureId: c.structureId }));
  const me = { id: user.id, displayName: user.displayName, classAdmin: !!user.classAdmin, structures: user.structures };
  return layout('Paramétrage de la classe - ONE', `<main id="class-admin">
<h1>Paramétrage de la classe</h1>
<div class="class-picker"><label for="class-select">Classe</label> <select id="class-select"></select></div>
<!-- entcore directory/src/main/resources/view-src/class-admin.html: section.class-admin__options, a.button-big ng-click="goToExport()" (i18n classAdmin.massmailing) -->
<section class="class-admin__options"><button type="button" id="create-sheets" class="button-big three">Créer les fiches de connexion</button></section>
<table id="class-users"><thead><tr><th></th><th>Nom</th><th>Prénom</th><th>Profil</th><th>Identifiant</th><th>Code d'activation</th><th>Courriel</th></tr></thead><tbody></tbody></table>
</main>
<script type="application/json" id="fake-class-admin-data">${jsonForScript({ me, classes })}</script>
<script>${clientScripts().classAdmin}</script>`, { bodyClass: 'class-admin' });
}

export function handlePage(ctx) {
  const { res, path } = ctx;
  if (path === '/directory/class-admin') return sendHtml(res, 200, classAdminPage(ctx));
  if (path === '/directory/admin-console') return sendHtml(res, 200, layout('Console d\'administration', '<main><h1>Console d\'administration</h1><p>Onglet « Export et publipostage » (ancienne console, non simulée).</p></main>'));
  if (path.startsWith('/timeline')) {
    return sendHtml(res, 200, layout('Fil de nouveautés - ONE', `<main id="timeline"><h1>Fil de nouveautés</h1>
<ul class="notifications"><li>Bienvenue sur ONE, ${e(ctx.user.displayName)} !</li><li>Nouvelle actualité : « Sortie au musée » (CE1 A)</li></ul></main>`));
  }
  return send(res, 404, 'Not found');
}
