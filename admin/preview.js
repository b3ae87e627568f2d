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

  function recordView(record, index, lang) {
    var texts = (record.texts || {})[lang] || {};
    var l = labels[lang] || labels[langs[0]];
    var period = record.period || {};
    var facts = [
      fact(l.period, [period.start, period.end].filter(Boolean).join(' – ')),
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

  var Preview = createClass({
    render: function () {
      var records = this.props.entry.getIn(['data', 'records']);
      var list = records ? records.toJS() : [];
      var articles = [];
      list.forEach(function (record, index) {
        langs.forEach(function (lang) { articles.push(recordView(record || {}, index, lang)); });
      });
      return h('div', { className: 'md-typeset ms-preview' }, articles);
    },
  });

  CMS.registerPreviewStyle('../assets/microsite.css');
  CMS.registerPreviewTemplate('projects', Preview);
  CMS.init();
})();
