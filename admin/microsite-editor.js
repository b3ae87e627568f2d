/* Our German texts in Decap CMS and two safeguards it lacks:
 *   - deleting a programme asks first, naming it and saying what is lost;
 *   - after a refused save the page goes to the first field with a message;
 *   - under ./dev edit, what `check` says after each save (admin/check.json, written by
 *     src/microsite/editing/edit_check.py) stands in a box at the foot of the page.
 * Loaded after decap-cms.js and before preview.js (which starts the editor).
 */
(function () {
  'use strict';

  // Decap's German phrases, where they are English, lower-case or say something else
  var OURS = {
    auth: { login: 'Anmelden', loggingIn: 'Anmeldung läuft …', loginWithGitHub: 'Mit GitHub anmelden' },
    editor: {
      editorControl: { field: { optional: 'freiwillig' } },
      editorControlPane: { widget: {
        required: '%{fieldLabel}: Pflichtfeld, bitte ausfüllen.',
        regexPattern: '%{fieldLabel}: %{pattern}',
      } },
      editorWidgets: {
        datetime: { now: 'Heute', clear: 'Leeren', setToNow: 'Heutiges Datum eintragen' },
        list: { add: 'Eintrag hinzufügen', addType: 'Eintrag hinzufügen' },
        object: { expand: 'Aufklappen', collapse: 'Zuklappen' },
      },
    },
    ui: { toast: {
      missingRequiredField: 'Nicht gespeichert: Bitte die rot markierten Felder korrigieren; ' +
        'was fehlt, steht jeweils am Feld.',
    } },
    mediaLibrary: { mediaLibraryModal: {} },
  };

  function merge(base, extra) {
    var out = Object.assign({}, base);
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = value && typeof value === 'object' && base && typeof base[key] === 'object'
        ? merge(base[key], value) : value;
    });
    return out;
  }

  var de = CMS.getLocale('de');
  if (de) CMS.registerLocale('de', merge(de, OURS));

  /* "Titel (kennung)": the summary line of a record (config: records.summary). */
  var RECORD_SUMMARY = /^(.*) \(([a-z0-9]+(?:-[a-z0-9]+)*)\)$/;

  var REMOVE = '[class*="StyledListItemTopBar"] > button:last-of-type';

  function recordLabel(button) {
    var item = button.closest('[class*="SortableListItem"]');
    var label = item && item.querySelector(':scope > [class*="NestedObjectLabel"]');
    var match = label && RECORD_SUMMARY.exec((label.textContent || '').trim());
    return match ? { title: match[1], id: match[2] } : null;
  }

  /* Decap's item buttons are icons without a name: name them for screen readers. */
  function nameButtons() {
    document.querySelectorAll(REMOVE).forEach(function (button) {
      if (!button.getAttribute('aria-label')) button.setAttribute('aria-label', 'Eintrag löschen');
    });
  }
  new MutationObserver(nameButtons).observe(document.documentElement,
    { childList: true, subtree: true });

  window.MicrositeDeleteQuestion = function (record) {
    return '„' + record.title + '“ (' + record.id + ') wirklich löschen?\n\n' +
      'Beim Veröffentlichen verschwinden seine Seiten auf Deutsch und Englisch, sein Platz in ' +
      'Übersicht, Feed und Kalender; die Adresse …/programme/' + record.id + '/ führt dann ' +
      'ins Leere. Wurde er nur umbenannt: nicht löschen, sondern die Kennung ändern und die ' +
      'alte unter „Frühere Kennungen“ eintragen.';
  };

  // capture phase: before Decap's own handler removes the item
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest(REMOVE);
    if (!button) return;
    var record = recordLabel(button);
    if (record && !window.confirm(window.MicrositeDeleteQuestion(record))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  /* The record whose field has the focus: its position in the records list, for the preview
   * (preview.js shows that record only, as its pages do). */
  document.addEventListener('focusin', function (event) {
    var item = null;
    var node = event.target;
    while (node && node.closest) {
      var found = node.closest('[class*="SortableListItem"]');
      if (!found) break;
      item = found;
      node = found.parentElement;
    }
    if (!item || !item.parentElement) return;
    var index = Array.prototype.indexOf.call(item.parentElement.children, item);
    if (index >= 0) window.MicrositeActiveRecord = index;
  });

  /* After "Veröffentlichen"/"Speichern", show the first field that has a message. */
  function showFirstError() {
    var list = document.querySelector('[class*="ControlErrorsList"] li');
    if (!list) return;
    var box = list.closest('[class*="ControlContainer"]') || list;
    box.scrollIntoView({ block: 'center' });
    var input = box.querySelector('input, textarea, select, [contenteditable="true"]');
    if (input) input.focus({ preventScroll: true });
  }

  document.addEventListener('click', function (event) {
    var target = event.target.closest && event.target.closest('button, [role="menuitem"]');
    if (!target) return;
    var text = (target.textContent || '').trim();
    if (/^(Jetzt veröffentlichen|Speichern|Veröffentlichen)/.test(text)) {
      setTimeout(showFirstError, 400);
    }
  }, true);

  /* check's report after a save (./dev edit only: elsewhere there is no check.json) */
  var shown = null;
  function showReport(report) {
    var lines = (report.errors || []).concat(report.warnings || []);
    var text = JSON.stringify(lines);
    if (text === shown) return;
    shown = text;
    var box = document.getElementById('microsite-check');
    if (!lines.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement('section');
      box.id = 'microsite-check';
      box.setAttribute('role', 'status');
      box.setAttribute('aria-label', 'Prüfung nach dem Speichern');
      document.body.appendChild(box);
    }
    box.textContent = '';
    var heading = document.createElement('h2');
    heading.textContent = report.ok ? 'Gespeichert; die Prüfung (./dev check) meldet:'
      : 'Gespeichert, aber so nicht veröffentlichbar – die Prüfung (./dev check) meldet:';
    box.appendChild(heading);
    var list = document.createElement('ul');
    lines.forEach(function (line) {
      var item = document.createElement('li');
      item.textContent = line;  // text, never HTML
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function poll() {
    fetch('check.json', { cache: 'no-store' }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (report) {
      if (report) showReport(report);
    }).catch(function () {}).then(function () { setTimeout(poll, 2000); });
  }
  if (/^(localhost|127\.0\.0\.1)$/.test(location.hostname)) poll();
})();
