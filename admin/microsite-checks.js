/* The rules of `microsite check` that a field's pattern cannot say, run in the form before a
 * save, with check's own German words (window.MICROSITE_MESSAGES, generated from
 * src/microsite/checks/problems.py) shown at the field:
 *   - "Zeitraum": the end before the start (end_before_start);
 *   - "Texte": a language other than the default one missing without "Übersetzung steht aus"
 *     (missing_language), a required text missing in it (missing), or a text the default
 *     language has and it lacks (translation_incomplete).
 * Each rule wraps Decap's own widget: the wrapper validates the fields inside as before, then
 * reports its rule through Decap's validate(), so the message appears under the group's label
 * and the save is refused. Works in the browser (registered before CMS.init) and in Node for
 * tests/editing/test_cms_checks.py (module.exports: the pure rule functions).
 */
(function (root) {
  'use strict';

  /* Python's str.format for the placeholders our messages use ({x}, {{ and }}). */
  function format(template, params) {
    return template.replace(/\{\{/g, '\u0000').replace(/\}\}/g, '\u0001')
      .replace(/\{(\w+)\}/g, function (all, key) {
        return Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : all;
      })
      .replace(/\u0000/g, '{').replace(/\u0001/g, '}');
  }

  function isBlank(value) {
    return value === undefined || value === null || value === false ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.every(isBlank)) ||
      (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).every(
        function (k) { return isBlank(value[k]); }));
  }

  /* A month or day date as its first and last day ("2025-02" → 2025-02-01 … 2025-02-28). */
  function days(text) {
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(text || '').trim());
    if (!m) return null;
    var y = Number(m[1]);
    var mo = Number(m[2]);
    if (m[3]) return { first: text, last: text };
    var last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    return { first: m[1] + '-' + m[2] + '-01', last: m[1] + '-' + m[2] + '-' + String(last).padStart(2, '0') };
  }

  /* The message for a period, or null. */
  function periodProblem(period, messages) {
    period = period || {};
    var start = days(period.start);
    var end = days(period.end);
    if (start && end && end.last < start.first) {
      return format(messages.end_before_start, { start: period.start, end: period.end });
    }
    return null;
  }

  function isPending(state) {
    return state === 'pending' || (state && typeof state === 'object' && state.pending === true);
  }

  /* The first message about the texts of a record (as check orders them), or null. */
  function textsProblem(record, rules, messages) {
    var texts = record.texts || {};
    var translation = record.translation || {};
    var source = texts[rules.languages[0]] || {};
    for (var i = 1; i < rules.languages.length; i++) {
      var lang = rules.languages[i];
      var block = texts[lang] || {};
      var names = { lang: lang, language: rules.language_names[lang] || lang,
        default_lang: rules.languages[0], default_language: rules.language_names[rules.languages[0]] };
      if (isPending(translation[lang])) continue;
      if (isBlank(block)) {
        // a language the site may leave out (optional_languages): check only hints at it
        if ((rules.optional || []).indexOf(lang) >= 0) continue;
        return format(messages.missing_language, names);
      }
      for (var r = 0; r < rules.required.length; r++) {
        var key = rules.required[r];
        if (isBlank(block[key])) {
          return 'texts.' + lang + ': ' + format(messages.missing, { key: key });
        }
      }
      for (var t = 0; t < rules.translated.length; t++) {
        var field = rules.translated[t];
        if (!isBlank(source[field]) && isBlank(block[field])) {
          return format(messages.translation_incomplete, Object.assign({ key: field }, names));
        }
      }
    }
    return null;
  }

  var api = { format: format, periodProblem: periodProblem, textsProblem: textsProblem };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
    return;
  }
  root.MicrositeChecks = api;

  var messages = root.MICROSITE_MESSAGES;
  var rules = root.MICROSITE_RULES;

  function toJS(value) {
    return value && value.toJS ? value.toJS() : value || {};
  }

  /* The record whose texts this group shows: the entry holds the same (immutable) value. */
  function recordOf(props) {
    var records = props.entry && props.entry.getIn(['data', 'records']);
    if (!records) return {};
    var found = records.find(function (r) { return r && r.get && r.get('texts') === props.value; }) ||
      records.find(function (r) { return r && r.get && props.value && props.value.equals &&
        props.value.equals(r.get('texts')); });
    return toJS(found);
  }

  /* Decap's widget `base`, with `problem(props)` reported at the field on every validation. */
  function withRule(name, base, problem) {
    var Base = CMS.getWidget(base).control;
    var Control = createClass({
      validate: function () {
        if (this.inner && this.inner.validate) this.inner.validate();
        var message = problem(this.props);
        this.props.validate({ error: message ? { type: 'CUSTOM', message: message } : false });
      },
      focus: function (path) {
        if (this.inner && this.inner.focus) this.inner.focus(path);
      },
      render: function () {
        var self = this;
        return h(Base, Object.assign({}, this.props, {
          ref: function (inner) { self.inner = inner; },
        }));
      },
    });
    CMS.registerWidget(name, Control, CMS.getWidget(base).preview);
  }

  withRule('microsite-period', 'object', function (props) {
    return periodProblem(toJS(props.value), messages);
  });
  withRule('microsite-texts', 'object', function (props) {
    return textsProblem(recordOf(props), rules, messages);
  });
})(this);
