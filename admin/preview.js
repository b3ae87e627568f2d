/* Wires the editor up: the file format (microsite-format.js), the preview in our own
 * stylesheet, then starts Decap CMS. The preview shows each record as its page does (the
 * same class names as overrides/record.html); texts are shown as text, never as HTML. */
(function () {
  'use strict';
  var F = window.MicrositeFormat;
  var schema = window.MICROSITE_SCHEMA;
  var langs = window.MICROSITE_LANGUAGES;
  var labels = window.MICROSITE_LABELS;

  CMS.registerCustomFormat('microsite-yaml', 'yaml', {
    fromFile: function (text) {
      var data = window.jsyaml.load(text, { schema: window.jsyaml.CORE_SCHEMA }) || {};
      return F.toForm(data, schema, langs[0]);
    },
    toFile: function (data) {
      return F.formatProjects(F.fromForm(data, schema, langs[0]), schema);
    },
  });

  function name(value, lang) {
    if (!value) return '';
    if (typeof value === 'string') return value;
    return value[lang] || value[langs[0]] || '';
  }

  function names(list, lang) {
    return (list || []).map(function (org) { return name(org && org.name, lang); })
      .filter(Boolean).join(', ');
  }

  function amount(funding, lang) {
    var value = funding ? F.wholeNumber(funding.amount) : null;
    if (value === null) return '';
    try {
      return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
        style: 'currency', currency: funding.currency || 'EUR', maximumFractionDigits: 0,
      }).format(value);
    } catch (e) {
      return String(value);
    }
  }

  var LOCALES = { de: 'de-DE', en: 'en-GB' };

  /* "2025-01" → "Januar 2025", "2025-01-15" → "15. Januar 2025", as the page shows them. */
  function date(text, lang) {
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(text || ''));
    if (!m) return String(text || '');
    var value = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] || 1)));
    var options = m[3] ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { month: 'long', year: 'numeric', timeZone: 'UTC' };
    return new Intl.DateTimeFormat(LOCALES[lang] || lang, options).format(value);
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  /* The status the page shows: from the dates where there are any, else as stated. */
  function status(record) {
    var period = record.period || {};
    var now = today();
    var start = period.start ? String(period.start) : '';
    var end = period.end ? String(period.end) : '';
    if (start || end) {
      // a month runs from its first to its last day
      if (start && (start.length === 7 ? start + '-01' : start) > now) {
        return { word: 'planned', derived: true };
      }
      if (end && (end.length === 7 ? end + '-31' : end) < now) {
        return { word: 'completed', derived: true };
      }
      return { word: 'running', derived: true };
    }
    return record.status ? { word: record.status, derived: false } : null;
  }

  /* "läuft (Stand laut Pressemitteilung vom 20. September 2024)" */
  function statusLine(record, source, lang, l) {
    var s = status(record);
    if (!s) return '';
    var word = (l.statuses || {})[s.word] || s.word;
    if (!source || !source.date) return word;
    var template = s.derived ? l.source.derived : l.source.stated;
    var type = name(source.type, lang) || l.source.default;
    return word + ' (' + template.replace('{type}', type).replace('{date}',
      date(source.date, lang)) + ')';
  }

  function fact(key, value) {
    if (!value) return null;
    return h('div', { className: 'ms-facts__row', key: key },
      h('dt', { className: 'ms-facts__key' }, key), h('dd', null, value));
  }

  // The Markdown the allow-list renderer publishes, as React elements (so text stays text):
  // paragraphs, "- " lists, **strong**, *emphasis*, [links](https://…).
  // (emphasis only between words, as on the page: "Arbeitgeber*innen" stays as it is)
  var INLINE = /((?<![\p{L}\p{N}])\*\*[^*]+\*\*(?![\p{L}\p{N}])|(?<![\p{L}\p{N}*])\*[^*\s][^*]*\*(?![\p{L}\p{N}*])|\[[^\]]+\]\([^)\s]+\))/u;

  function inline(text) {
    return text.split(INLINE).map(function (part, i) {
      var link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part);
      if (/^\*\*[^*]+\*\*$/.test(part)) return h('strong', { key: i }, part.slice(2, -2));
      if (/^\*[^*\s][^*]*\*$/.test(part)) return h('em', { key: i }, part.slice(1, -1));
      if (link && /^(https?:|mailto:)/.test(link[2])) {
        return h('a', { key: i, href: link[2] }, link[1]);
      }
      return part;
    });
  }

  function paragraphs(text) {
    return String(text || '').split(/\n\s*\n/).filter(Boolean).map(function (p, i) {
      var lines = p.split('\n');
      if (/^- /.test(lines[0])) {
        var items = [];
        lines.forEach(function (line) {
          if (/^- /.test(line)) items.push(line.slice(2));
          else if (items.length) items[items.length - 1] += ' ' + line.trim();
        });
        return h('ul', { key: i }, items.map(function (item, n) {
          return h('li', { key: n }, inline(item));
        }));
      }
      return h('p', { key: i }, inline(p.replace(/\n/g, ' ')));
    });
  }

  function recordView(record, index, lang, fileSource) {
    var texts = (record.texts || {})[lang] || {};
    var l = labels[lang] || labels[langs[0]];
    var period = record.period || {};
    var source = record.source || fileSource;
    var facts = [
      fact('Status', statusLine(record, source, lang, l)),
      fact(l.period, [period.start, period.end].filter(Boolean).map(function (d) {
        return date(d, lang);
      }).join(' – ')),
      fact(l.funding, amount(record.funding, lang)),
      fact(l.funders, names(record.funding && record.funding.funders, lang)),
      fact(l.providers, names(record.providers, lang)),
      fact(l.target_group, texts.target_group),
    ].filter(Boolean);
    return h('article', {
      className: 'ms-record ms-record--' + (record.kind || ''), key: index + '-' + lang, lang: lang,
    },
      h('p', { className: 'ms-record__kind' }, (l.kinds || {})[record.kind] || record.kind || ''),
      h('h1', { className: 'ms-record__title' }, texts.title || ''),
      h('p', { className: 'ms-record__summary' }, texts.summary || ''),
      facts.length ? h('section', { className: 'ms-glance' },
        h('dl', { className: 'ms-facts ms-facts--glance' }, facts)) : null,
      texts.description ? h('section', { className: 'ms-record__description' },
        paragraphs(texts.description)) : null,
      record.results && record.results.length ? h('section', { className: 'ms-results' },
        h('ul', { className: 'ms-results__list' }, record.results.map(function (r, i) {
          return h('li', { className: 'ms-results__item', key: i },
            h('span', { className: 'ms-results__count' }, String(r.count)), ' ',
            name(r.label, lang));
        }))) : null);
  }

  /* A translation's state, as `check` judges it (src/microsite/data/translations.py): the German
   * texts' fingerprints (SHA-256 of the text with white space collapsed, 8 hex digits) against
   * those `./dev review` recorded. Computed in the browser, so it is shown as one line. */
  var REVIEWED_FIELDS = ['title', 'summary', 'target_group', 'description', 'how_to_take_part'];

  function fingerprint(value) {
    var text = Array.isArray(value) ? value.join('\n') : String(value);
    var normalised = text.split(/\s+/).filter(Boolean).join(' ');
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(normalised))
      .then(function (hash) {
        return Array.from(new Uint8Array(hash)).map(function (b) {
          return ('0' + b.toString(16)).slice(-2);
        }).join('').slice(0, 8);
      });
  }

  function translationStates(record) {
    var names = (window.MICROSITE_RULES || {}).language_names || {};
    var texts = record.texts || {};
    var source = texts[langs[0]] || {};
    var states = record.translation || {};
    return Promise.all(langs.slice(1).map(function (lang) {
      var name = names[lang] || lang;
      var state = states[lang] || {};
      if (state === 'pending' || state.pending) return name + ': Übersetzung steht aus';
      if (!texts[lang]) return name + ': Text fehlt';
      var reviewed = state.reviewed;
      if (!reviewed) return name + ': keine Prüfung vermerkt (./dev review KENNUNG --lang ' + lang + ')';
      var keys = REVIEWED_FIELDS.filter(function (key) {
        var v = source[key];
        return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length);
      });
      return Promise.all(keys.map(function (key) { return fingerprint(source[key]); }))
        .then(function (prints) {
          var changed = keys.filter(function (key, i) { return reviewed[key] !== prints[i]; });
          return changed.length
            ? name + ' seit der letzten Prüfung geändert (' + changed.join(', ') + ')'
            : name + ' geprüft: passt zum deutschen Text';
        });
    }));
  }

  var TranslationState = createClass({
    getInitialState: function () { return { lines: [] }; },
    componentDidMount: function () { this.update(); },
    componentDidUpdate: function () { this.update(); },
    update: function () {
      var self = this;
      var key = JSON.stringify([self.props.record.texts, self.props.record.translation]);
      if (key === self.key) return;
      self.key = key;
      translationStates(self.props.record).then(function (lines) {
        if (self.key === key) self.setState({ lines: lines });
      });
    },
    render: function () {
      return h('p', { className: 'ms-preview__translation' }, this.state.lines.join(' · '));
    },
  });

  /* The record being edited (the one last focused in the form, see microsite-editor.js),
   * as its pages show it in every language; all records until one is chosen. */
  var Preview = createClass({
    render: function () {
      var records = this.props.entry.getIn(['data', 'records']);
      var fileSource = this.props.entry.getIn(['data', 'source']);
      fileSource = fileSource && fileSource.toJS ? fileSource.toJS() : fileSource;
      var list = records ? records.toJS() : [];
      var active = window.MicrositeActiveRecord;
      var shown = typeof active === 'number' && list[active] ? [active] : list.map(function (r, i) {
        return i;
      });
      var articles = [];
      shown.forEach(function (index) {
        articles.push(h(TranslationState, { key: 'translation-' + index, record: list[index] || {} }));
        langs.forEach(function (lang) {
          articles.push(recordView(list[index] || {}, index, lang, fileSource));
        });
      });
      return h('div', { className: 'md-typeset ms-preview' }, articles);
    },
  });

  CMS.registerPreviewStyle('../assets/microsite.css');
  CMS.registerPreviewTemplate('projects', Preview);
  CMS.init();
})();
