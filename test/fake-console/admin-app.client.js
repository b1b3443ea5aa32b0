// Client script of the fake new-admin SPA (inlined by pages.mjs). Plain browser JS, no modules.
// Renders /admin/<id>/imports-exports/{massmail,export,import-csv} and /admin/<id>/users/list[/<uid>/details]
// with the DOM of one-console.md §4.1; navigates between them with history.pushState.
(function () {
  'use strict';
  var PROFILE_FR = { Student: 'Élève', Relative: 'Parent', Teacher: 'Enseignant', Personnel: 'Personnel', Guest: 'Invité' };
  var app = document.getElementById('app');
  var cache = {}; // structureId -> {classes, profiles, users, error}
  var ui = null; // massmail UI state (reset per structure)

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      var v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
      else if (k === 'value') el.value = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, c) {
    if (c == null || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { append(el, x); }); return; }
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  function s5l(text) { return h('s5l', null, h('span', { text: text })); }
  function toast(text) {
    var t = h('div', { class: 'toast', role: 'status', text: text });
    document.body.appendChild(t);
    setTimeout(function () { t.remove(); }, 4000);
  }
  function xsrf() { var m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/); return m ? decodeURIComponent(m[1]) : ''; }
  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json, text/plain, */*' } }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }
  function route() {
    var m = location.pathname.match(/^\/admin\/([^/]+)(?:\/(.*))?$/);
    return { structureId: m ? m[1] : null, rest: m ? (m[2] || '') : '' };
  }
  function navigate(path) { history.pushState({}, '', path); render(); }
  window.addEventListener('popstate', render);

  function load(structureId) {
    if (cache[structureId]) return cache[structureId].promise;
    var entry = { classes: [], profiles: [], users: [], error: null, structures: [] };
    entry.promise = getJson('/directory/structure/admin/list').catch(function () { return []; }).then(function (structures) {
      entry.structures = structures;
      return Promise.all([
        getJson('/directory/class/admin/list?structureId=' + encodeURIComponent(structureId)).catch(function () { return []; }),
        getJson('/directory/profiles').catch(function () { return []; }),
      ]);
    }).then(function (res) {
      entry.classes = res[0]; entry.profiles = res[1];
      return getJson('/directory/structure/' + encodeURIComponent(structureId) + '/massMail/allUsers');
    }).then(function (users) { entry.users = users; }, function (err) {
      var embedded = document.getElementById('fake-embedded-users');
      if (embedded) entry.users = JSON.parse(embedded.textContent);
      else entry.error = String(err && err.message || err);
    }).then(function () { return entry; });
    cache[structureId] = entry;
    return entry.promise;
  }

  function render() {
    var r = route();
    app.textContent = '';
    if (!r.structureId) { app.appendChild(h('h1', { text: 'Administration' })); return; }
    if (/^imports-exports(\/|$)/.test(r.rest)) return renderImportsExports(r);
    ui = null;
    if (/^users\/list\/([^/]+)\/details/.test(r.rest)) return renderUserDetails(r, r.rest.split('/')[2]);
    if (/^users\/list/.test(r.rest)) return renderUsersList(r);
    app.appendChild(h('h1', { text: 'Administration' }));
    app.appendChild(h('p', null, h('a', { href: '/admin/' + r.structureId + '/imports-exports/massmail', onclick: function (ev) { ev.preventDefault(); navigate(this.getAttribute('href')); } }, 'Distribuer les comptes')));
  }

  // ------------------------------------------------------------ imports / exports root + tabs
  function renderImportsExports(r) {
    var tab = (r.rest.split('/')[1] || 'import-csv');
    var base = '/admin/' + r.structureId + '/imports-exports/';
    var tabs = [['import-csv', 'Importer des utilisateurs'], ['export', 'Exporter des comptes'], ['massmail', 'Distribuer les comptes']];
    var content = h('div', { class: 'imports-exports-content' });
    app.appendChild(h('ode-imports-exports-root', null,
      h('h1', { text: 'Imports / Exports' }),
      h('nav', { class: 'tabs' }, tabs.map(function (t) {
        return h('button', { class: 'tab' + (t[0] === tab ? ' active' : ''), type: 'button', onclick: function () { navigate(base + t[0]); } }, t[1]);
      })),
      content));
    if (tab === 'massmail') return renderMassmail(r.structureId, content);
    ui = null; // the Angular component is destroyed when leaving the tab: filters reset
    if (tab === 'export') {
      content.appendChild(h('div', { class: 'container has-shadow' }, h('h2', { text: 'Exporter des comptes' }),
        h('p', { text: 'Format d\'export :' }), h('select', null, h('option', null, 'Export CSV des comptes')), h('button', { class: 'button is-primary', type: 'button' }, 'Exporter')));
      return;
    }
    content.appendChild(h('div', { class: 'container has-shadow' }, h('h2', { text: 'Importer des utilisateurs' }), h('p', { text: 'Déposez vos fichiers CSV.' })));
  }

  // ------------------------------------------------------------ massmail
  function newUi(structureId) {
    return {
      structureId: structureId, open: false,
      f: { profiles: [], classes: [], activation: [], email: [], adml: [], date: [], preDelete: ['pending', 'notDeleted'], blocked: [] },
      dateValue: '', search: { lastName: '', firstName: '', classes: '' }, sort: null, sort1: 'none', sort2: 'none', model: 'pdf', openCombo: null,
    };
  }

  function renderMassmail(structureId, content) {
    if (!ui || ui.structureId !== structureId) ui = newUi(structureId);
    var host = h('ode-mass-mail', null, h('div', { class: 'container has-shadow' }, h('h2', { text: 'Distribuer les comptes' }), h('p', { class: 'loading', text: 'Chargement…' })));
    content.appendChild(host);
    load(structureId).then(function (data) {
      if (!host.isConnected) return;
      host.textContent = '';
      host.appendChild(massmailView(data));
    });
  }

  function filterDefs(data) {
    var profiles = data.profiles.map(function (p) { return [p.name, PROFILE_FR[p.name] || p.name]; });
    return [
      ['profiles', 'Profils (par défaut tous)', profiles],
      ['classes', 'Classes', data.classes.map(function (c) { return [c.id, c.name]; }), true],
      ['activation', 'Activation', [['active', 'Utilisateurs activés'], ['inactive', 'Utilisateurs non activés']]],
      ['email', 'Courriel', [['with', 'Utilisateur avec courriel'], ['without', 'Utilisateur sans courriel']]],
      ['adml', 'Administrateurs locaux', [['adml', 'Administrateurs locaux'], ['notAdml', 'Non administrateurs locaux']]],
      ['date', 'Date de création', [['before', 'Utilisateurs créés avant le :'], ['after', 'Utilisateurs créés depuis le :']], false, 1],
      ['preDelete', 'Pré-suppression', [['pending', 'Utilisateurs en attente de pré-suppression'], ['notDeleted', 'Utilisateurs non pré-supprimés'], ['deleted', 'Utilisateurs pré-supprimés']]],
      ['blocked', 'Blocage', [['blocked', 'Utilisateurs bloqués'], ['notBlocked', 'Utilisateurs non bloqués']]],
    ];
  }
  function anyFilter() {
    var f = ui.f;
    return f.profiles.length || f.classes.length || f.activation.length || f.email.length || f.adml.length || f.date.length || f.blocked.length
      || !(f.preDelete.length === 2 && f.preDelete.indexOf('pending') >= 0 && f.preDelete.indexOf('notDeleted') >= 0);
  }
  function norm(s) { return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  function isAdml(u) { return (u.functions || []).some(function (f) { return f && f[0] === 'ADMIN_LOCAL'; }); }
  function classNames(u) { return (u.classes || []).filter(function (c) { return c && c.name; }).map(function (c) { return c.name; }); }
  function only(list) { return list.length === 1 ? list[0] : null; }

  function filtered(users) {
    var f = ui.f;
    var dateMs = ui.dateValue ? new Date(ui.dateValue).getTime() : null;
    var out = users.filter(function (u) {
      if (f.profiles.length && f.profiles.indexOf(u.type) < 0) return false;
      if (f.classes.length && !(u.classes || []).some(function (c) { return c && f.classes.indexOf(c.id) >= 0; })) return false;
      var a = only(f.activation); if (a === 'active' && u.code) return false; if (a === 'inactive' && !u.code) return false;
      var m = only(f.email); if (m === 'with' && !u.email) return false; if (m === 'without' && u.email) return false;
      var ad = only(f.adml); if (ad === 'adml' && !isAdml(u)) return false; if (ad === 'notAdml' && isAdml(u)) return false;
      var b = only(f.blocked); if (b === 'blocked' && !u.blocked) return false; if (b === 'notBlocked' && u.blocked) return false;
      if (f.preDelete.length && f.preDelete.indexOf('notDeleted') < 0) return false; // no user is pre-deleted in the fake
      if (f.date.length && dateMs != null) {
        var t = new Date(u.creationDate).getTime();
        if (f.date[0] === 'before' && t > dateMs) return false;
        if (f.date[0] === 'after' && t < dateMs) return false;
      }
      if (ui.search.lastName && norm(u.lastName).indexOf(norm(ui.search.lastName)) < 0) return false;
      if (ui.search.firstName && norm(u.firstName).indexOf(norm(ui.search.firstName)) < 0) return false;
      if (ui.search.classes && norm(classNames(u).join(' ')).indexOf(norm(ui.search.classes)) < 0) return false;
      return true;
    });
    if (ui.sort) {
      var key = ui.sort.field, dir = ui.sort.asc ? 1 : -1;
      var val = function (u) { return key === 'classesStr' ? classNames(u).join(' ') : (u[key] == null ? '' : String(u[key])); };
      out = out.slice().sort(function (x, y) { return val(x).localeCompare(val(y), 'fr') * dir; });
    }
    return out;
  }

  function processParams() {
    var f = ui.f, q = new URLSearchParams();
    f.profiles.forEach(function (p) { q.append('p', p); });
    f.classes.forEach(function (c) { q.append('c', c); });
    var a = only(f.activation); q.append('a', a === 'active' ? 'true' : a === 'inactive' ? 'false' : 'all');
    var m = only(f.email); if (m) q.append('mail', m === 'with' ? 'true' : 'false');
    if (f.date.length && ui.dateValue) { q.append('dateFilter', f.date[0]); q.append('date', String(new Date(ui.dateValue).getTime())); }
    var ad = only(f.adml); if (ad) q.append('adml', ad === 'adml' ? 'true' : 'false');
    var b = only(f.blocked); if (b) q.append('b', b === 'blocked' ? 'true' : 'false');
    if (ui.sort1 !== 'none') q.append('s', ui.sort1);
    if (ui.sort1 !== 'none' && ui.sort2 !== 'none') q.append('s', ui.sort2);
    return q.toString();
  }

  function multiCombo(def, rerender) {
    var key = def[0], title = def[1], options = def[2], searchable = def[3], max = def[4];
    var selected = ui.f[key];
    var isOpen = ui.openCombo === key;
    var searchValue = (ui.comboSearch && ui.comboSearch[key]) || '';
    var combo = h('ode-multi-combo', { class: 'filter', 'data-filter': key },
      h('button', { type: 'button', class: 'multi-combo-title' + (isOpen ? ' is-open' : ''), onclick: function () { ui.openCombo = isOpen ? null : key; rerender(); } }, title),
      isOpen ? h('div', { class: 'options' },
        h('div', { class: 'controls' },
          max ? null : h('button', { type: 'button', class: 'select-all', onclick: function () { ui.f[key] = options.map(function (o) { return o[0]; }); rerender(); } }, 'Tout sélectionner'),
          h('button', { type: 'button', class: 'deselect-all', onclick: function () { ui.f[key] = []; rerender(); } }, 'Tout désélectionner')),
        searchable ? h('input', { type: 'text', class: 'search', placeholder: 'Rechercher', value: searchValue, oninput: function () { ui.comboSearch = ui.comboSearch || {}; ui.comboSearch[key] = this.value; rerender(key); } }) : null,
        h('ul', null, options.filter(function (o) { return !searchValue || norm(o[1]).indexOf(norm(searchValue)) >= 0; }).map(function (o) {
          var sel = selected.indexOf(o[0]) >= 0;
          return h('li', { class: sel ? 'selected' : null, 'data-value': o[0], onclick: function () {
            if (sel) ui.f[key] = selected.filter(function (x) { return x !== o[0]; });
            else ui.f[key] = max === 1 ? [o[0]] : selected.concat([o[0]]);
            rerender();
          } }, o[1]);
        }))) : null,
      selected.length ? h('div', { class: 'multi-combo-companion' }, options.filter(function (o) { return selected.indexOf(o[0]) >= 0; }).map(function (o) {
        return h('div', { class: 'selected-item' }, h('span', { text: o[1] }), h('i', { class: 'fa fa-trash', onclick: function () { ui.f[key] = ui.f[key].filter(function (x) { return x !== o[0]; }); rerender(); } }));
      })) : null,
      key === 'date' && selected.length ? h('input', { type: 'date', class: 'date-picker', value: ui.dateValue, onchange: function () { ui.dateValue = this.value; rerender(); } }) : null);
    return combo;
  }

  function massmailView(data) {
    var root = h('div', { class: 'container has-shadow' });
    function rerender(focusSearch) {
      var active = document.activeElement, activeKey = active && active.getAttribute && active.getAttribute('data-search');
      var fresh = massmailView(data);
      root.replaceWith(fresh);
      if (activeKey) { var i = fresh.querySelector('[data-search="' + activeKey + '"]'); if (i) { i.focus(); i.setSelectionRange(i.value.length, i.value.length); } }
      if (focusSearch) { var s = fresh.querySelector('[data-filter="' + focusSearch + '"] input.search'); if (s) { s.focus(); s.setSelectionRange(s.value.length, s.value.length); } }
    }
    if (data.error) {
      root.appendChild(h('h2', { text: 'Distribuer les comptes' }));
      root.appendChild(h('div', { class: 'message is-danger' }, h('div', { class: 'message-body', text: 'Erreur lors du chargement des utilisateurs (' + data.error + ')' })));
      return root;
    }
    var rows = filtered(data.users);
    var noMail = rows.filter(function (u) { return !u.email; }).length;
    root.appendChild(h('h2', { text: 'Distribuer les comptes' }));
    root.appendChild(h('div', { class: 'mailing__filters-toggle' }, h('button', { type: 'button', class: 'button is-primary' + (anyFilter() ? ' is-active' : ''), onclick: function () { ui.open = !ui.open; rerender(); } },
      h('span', { text: 'Filtrer la liste à publiposter' }), ' ', h('i', { class: 'fa ' + (ui.open ? 'fa-chevron-up' : 'fa-chevron-down') }))));
    if (ui.open) {
      root.appendChild(h('div', { class: 'filters' }, filterDefs(data).filter(function (d) { return d[2].length > 0; }).map(function (d) { return multiCombo(d, rerender); })));
    }
    var sortOptions = [['none', 'Aucun'], ['profile', 'Profil'], ['classname', 'Classe']];
    function monoSelect(value, opts, onchange, id) {
      return h('ode-mono-select', { id: id }, h('select', { onchange: function () { onchange(this.value); rerender(); } }, opts.map(function (o) { return h('option', { value: o[0], selected: o[0] === value }, o[1]); })));
    }
    root.appendChild(h('div', { class: 'mailing__sort' },
      h('span', { class: 'mailing__label', text: 'Triez votre publipostage PDF :' }),
      h('span', { text: 'Par' }), monoSelect(ui.sort1, sortOptions, function (v) { ui.sort1 = v; if (v === 'none' || v === ui.sort2) ui.sort2 = 'none'; }, 'sort1'),
      ui.sort1 !== 'none' ? [h('span', { text: 'Puis par' }), monoSelect(ui.sort2, sortOptions.filter(function (o) { return o[0] !== ui.sort1; }), function (v) { ui.sort2 = v; }, 'sort2')] : null,
      h('p', null, h('i', { text: 'Par défaut, le publipostage est trié par ordre alphabétique' }))));
    root.appendChild(h('div', { class: 'mailing__model' },
      h('span', { class: 'mailing__label', text: 'Modèle de publipostage PDF :' }),
      monoSelect(ui.model, [['pdf', '1 par page'], ['newPdf', '2 par page'], ['simplePdf', '8 par page']], function (v) { ui.model = v; }, 'model')));
    var disabled = rows.length === 0;
    root.appendChild(h('div', { class: 'mailing__publish' },
      h('span', { class: 'mailing__label', text: 'Lancer le publipostage :' }),
      h('button', { type: 'button', class: 'cell', disabled: disabled, onclick: function () { generatePdf(); } }, 'Générer en PDF'),
      h('button', { type: 'button', class: 'cell', disabled: disabled, onclick: function () { confirmMail(rows.length - noMail); } }, 'Envoyer par mail')));
    root.appendChild(h('div', { class: 'message is-info' }, h('div', { class: 'message-body', text: rows.length + ' comptes sélectionnés au total' })));
    root.appendChild(h('div', { class: 'message is-warning' }, h('div', { class: 'message-body', text: noMail + ' comptes sans adresse courriel' })));

    var cols = [['lastName', 'Nom de famille'], ['firstName', 'Prénom'], ['type', 'Profil'], ['login', 'Login'], ['code', "Code d'activation"], ['email', 'Courriel'], ['classesStr', 'Classe'], ['creationDate', 'Date de création']];
    function searchInput(key) {
      return h('input', { type: 'text', placeholder: 'Rechercher', 'data-search': key, value: ui.search[key], oninput: function () { ui.search[key] = this.value; rerender(); } });
    }
    var dateFmt = new Intl.DateTimeFormat(document.documentElement.lang || 'fr');
    var table = h('table', null,
      h('thead', null,
        h('tr', null, cols.map(function (c) {
          return h('th', { onclick: function () { ui.sort = ui.sort && ui.sort.field === c[0] ? { field: c[0], asc: !ui.sort.asc } : { field: c[0], asc: true }; rerender(); } },
            h('i', { class: 'fa fa-sort' }), s5l(c[1]));
        })),
        h('tr', null, h('th', null, searchInput('lastName')), h('th', null, searchInput('firstName')), h('th', { colspan: '4' }), h('th', null, searchInput('classes')))),
      h('tbody', null, rows.map(function (u) {
        return h('tr', { title: 'Accéder à la fiche utilisateur', onclick: function () { navigate('/admin/' + ui.structureId + '/users/list/' + u.id + '/details'); } },
          h('td', null, u.code ? [h('i', { class: 'fa fa-lock', title: 'Compte non activé' }), ' '] : null, u.lastName),
          h('td', { text: u.firstName }),
          h('td', { class: u.type, text: PROFILE_FR[u.type] || u.type }),
          h('td', { text: u.login }),
          h('td', { text: u.code || '' }),
          h('td', { title: u.email || '', text: u.email || '' }),
          h('td', { text: classNames(u).join(' ') }),
          h('td', { text: u.creationDate ? dateFmt.format(new Date(u.creationDate)) : '' }));
      })));
    root.appendChild(table);
    return root;
  }

  function processUrl(type) { return '/directory/structure/' + encodeURIComponent(ui.structureId) + '/massMail/process/' + type + '?' + processParams(); }
  function generatePdf() {
    fetch(processUrl(ui.model), { credentials: 'same-origin' }).then(function (r) { return r.blob(); }).then(function (blob) {
      var a = h('a', { href: URL.createObjectURL(blob), download: 'publipostage_pdf.pdf' });
      document.body.appendChild(a); a.click(); a.remove();
      toast('Publipostage PDF effectué ');
    }, function () { toast('Erreur lors du publipostage'); });
  }
  function confirmMail(nbUsers) {
    var box = h('ode-lightbox-confirm', null, h('div', { class: 'lightbox' }, h('section', null,
      h('h2', { text: 'Attention !' }),
      h('p', { text: 'Êtes-vous sûr de vouloir envoyer leur identifiant par mail à ' + nbUsers + ' utilisateur(s) ?' }),
      h('button', { type: 'button', class: 'cancel', onclick: function () { box.remove(); } }, 'Annuler'),
      h('button', { type: 'button', class: 'confirm', onclick: function () {
        box.remove();
        fetch(processUrl('mail'), { credentials: 'same-origin' }).then(function (r) {
          toast(r.ok ? 'Publipostage mail effectué ' : 'Erreur lors du publipostage');
        }, function () { toast('Erreur lors du publipostage'); });
      } }, 'Confirmer'))));
    document.body.appendChild(box);
  }

  // ------------------------------------------------------------ users list / sheet (plain shells)
  function renderUsersList(r) {
    app.appendChild(h('div', { class: 'users-list' }, h('h1', { text: 'Utilisateurs' }), h('p', { text: 'Liste des utilisateurs de la structure.' })));
  }
  function renderUserDetails(r, userId) {
    var box = h('div', { class: 'user-details' }, h('h1', { text: 'Fiche utilisateur' }));
    app.appendChild(box);
    load(r.structureId).then(function (data) {
      var u = data.users.filter(function (x) { return x.id === userId; })[0];
      if (!u) { box.appendChild(h('p', { text: 'Utilisateur introuvable' })); return; }
      var base = '/directory/structure/massMail/' + encodeURIComponent(u.id) + '/';
      box.appendChild(h('h2', { text: u.firstName + ' ' + u.lastName }));
      box.appendChild(h('div', { class: 'user-connection-section' }, h('span', { text: 'Publipostage' }),
        h('button', { type: 'button', onclick: function () {
          fetch(base + 'pdf', { credentials: 'same-origin' }).then(function (x) { return x.blob(); }).then(function (blob) {
            var a = h('a', { href: URL.createObjectURL(blob), download: u.firstName + '_' + u.lastName + '.pdf' });
            document.body.appendChild(a); a.click(); a.remove();
          });
        } }, 'Fiche de connexion individuelle PDF'),
        h('button', { type: 'button', disabled: !u.email, onclick: function () {
          if (window.confirm("Êtes-vous sûr de vouloir envoyer son identifiant par mail à l'utilisateur ?")) fetch(base + 'mail', { credentials: 'same-origin' });
        } }, 'Fiche de connexion individuelle mail')));
    });
  }

  // unused in GET requests, kept for parity with the real front (axios adds it on non-GET)
  window.__fakeConsoleXsrf = xsrf;
  render();
})();
