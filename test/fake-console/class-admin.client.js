// Client script of the fake teacher page /directory/class-admin (one-console.md §5). Plain browser JS.
(function () {
  'use strict';
  var PROFILE_FR = { Student: 'Élève', Relative: 'Parent', Teacher: 'Enseignant', Personnel: 'Personnel', Guest: 'Invité' };
  var data = JSON.parse(document.getElementById('fake-class-admin-data').textContent);
  var select = document.getElementById('class-select');
  var tbody = document.querySelector('#class-users tbody');
  var users = [];

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  function xsrf() { var m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/); return m ? decodeURIComponent(m[1]) : ''; }
  function toast(text) { var t = el('div', text, { class: 'toast', role: 'status' }); document.body.appendChild(t); setTimeout(function () { t.remove(); }, 4000); }
  function currentClass() { return data.classes.filter(function (c) { return c.id === select.value; })[0]; }

  data.classes.forEach(function (c) { select.appendChild(el('option', c.name, { value: c.id })); });
  select.addEventListener('change', loadUsers);

  function loadUsers() {
    var c = currentClass();
    tbody.textContent = '';
    if (!c) return;
    fetch('/directory/class/' + encodeURIComponent(c.id) + '/users?collectRelative=true', { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (list) {
        users = list;
        list.forEach(function (u) {
          var tr = el('tr', null, { 'data-id': u.id });
          var td0 = el('td');
          td0.appendChild(el('input', null, { type: 'checkbox', class: 'select-user', value: u.id }));
          tr.appendChild(td0);
          [u.lastName, u.firstName, PROFILE_FR[u.type] || u.type, u.loginAlias || u.login, u.activationCode || '', u.email || ''].forEach(function (v) { tr.appendChild(el('td', v)); });
          tbody.appendChild(tr);
        });
      });
  }

  function post(type, ids) {
    var c = currentClass();
    return fetch('/directory/class-admin/massmail', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json;charset=UTF-8', 'X-XSRF-TOKEN': xsrf() },
      body: JSON.stringify({ ids: ids, type: type, structureId: c.structureId, theme: 'one' }),
    });
  }
  function download(resp, name) {
    return resp.blob().then(function (b) { var a = el('a', null, { href: URL.createObjectURL(b), download: name }); document.body.appendChild(a); a.click(); a.remove(); });
  }

  document.getElementById('create-sheets').addEventListener('click', function () {
    var box = el('div', null, { class: 'lightbox', id: 'sheets-lightbox' });
    var section = el('section');
    box.appendChild(section);
    section.appendChild(el('h2', 'Pour quels utilisateurs de la classe voulez-vous générer des fiches de connexions ?'));
    [['Student', 'Élèves'], ['Relative', 'Parents'], ['Teacher', 'Enseignants'], ['Personnel', 'Personnels']].forEach(function (p) {
      var label = el('label', null, { class: 'tile' });
      label.appendChild(el('input', null, { type: 'checkbox', name: 'profile', value: p[0] }));
      label.appendChild(document.createTextNode(' ' + p[1]));
      section.appendChild(label);
    });
    var go = el('button', 'Créer les fiches', { type: 'button', class: 'create' });
    section.appendChild(go);
    document.body.appendChild(box);
    go.addEventListener('click', function () {
      var profiles = Array.prototype.map.call(section.querySelectorAll('input[name=profile]:checked'), function (i) { return i.value; });
      var ids = users.filter(function (u) { return profiles.indexOf(u.type) >= 0; }).map(function (u) { return u.id; });
      section.textContent = '';
      var stamp = new Date().toISOString();
      [['newPdf', 'Fiches de connexions détaillées .PDF', 'Fiches de connexions - détaillées - ' + stamp + '.pdf'],
        ['simplePdf', 'Fiches de connexions simplifiées .PDF', 'Fiches de connexions - simplifiées - ' + stamp + '.pdf'],
        ['mail', 'Fiches de connexions détaillées par mail', null],
        ['csv', "Exporter les codes d'activations en .CSV", 'Fiches de connexions - CSV - ' + stamp + '.csv']].forEach(function (t) {
        var b = el('button', t[1], { type: 'button', 'data-type': t[0] });
        b.addEventListener('click', function () {
          post(t[0], ids).then(function (r) {
            box.remove();
            if (!r.ok) { toast('Erreur'); return; }
            if (t[0] === 'mail') toast('Emails envoyés'); else return download(r, t[2]);
          });
        });
        section.appendChild(b);
      });
    });
  });

  loadUsers();
})();
