/* The editor's file format for data/projects.yaml ("microsite-yaml").
 *
 * Saving writes the canonical layout of src/microsite/editing/yaml_layout.py, rule for rule, so
 * `microsite format` and the editor agree byte for byte (tests/editing/test_cms_format.py runs both).
 * Reading and writing also translate two shapes the form cannot show as they are stored:
 *   - a name that is the same in every language is stored as plain text and shown in the
 *     form as its default-language field ({de: "Unter einem Dach"});
 *   - `translation: {en: pending}` is shown as a switch ({en: {pending: true}});
 *   - a whole number (an amount in euros, a count) is shown as text, so "50.000", "50 000"
 *     and "50.000 €" are stored as 50000 (anything else keeps the field's message and is
 *     never saved: see wholeNumber()).
 * Before writing, fields the form leaves empty (cleared texts, empty lists, switches that are
 * off) are dropped: to `microsite check` an empty optional field is the same as a missing one.
 * Works in the browser (window.MicrositeFormat) and in Node (module.exports) for the tests.
 */
(function (root) {
  'use strict';

  var HEADER =
    '# yaml-language-server: $schema=../schema/projects.schema.json\n' +
    '#\n' +
    '# Programmes, projects and events of the Landeshauptstadt Hannover on labour-market integration.\n' +
    '# Written in one fixed layout by the browser editor (/admin/) and by `microsite format`; what\n' +
    '# each field means: guide/redaktion.md. Comments here are not kept: put notes into the guide.\n';

  var SPECIAL = new RegExp(
    '^(?:[-+]?[0-9._:]+(?:[eE][-+]?[0-9]+)?|0[xXoObB][0-9a-fA-F_]+|[-+]?\\.(?:inf|Inf|INF)' +
    '|\\.(?:nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No' +
    '|NO|on|On|ON|off|Off|OFF|y|Y|n|N|<<|=)$');
  var INDICATORS = '-?:,[]{}#&*!|>\'"%@`';
  var ESCAPE = /["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/g;
  var NEEDS_ESCAPE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
  var SHORT = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

  function isPlainOk(text) {
    return text.length > 0 &&
      INDICATORS.indexOf(text[0]) < 0 &&
      text === pyStrip(text) &&
      text.indexOf(': ') < 0 && text.indexOf(' #') < 0 && text[text.length - 1] !== ':' &&
      text.indexOf('\t') < 0 &&
      !NEEDS_ESCAPE.test(text) &&
      !SPECIAL.test(text);
  }

  // Python's str.strip(): the same whitespace as str.isspace()
  var PY_SPACE = '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004' +
    '\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
  function pyStrip(text) {
    var start = 0;
    var end = text.length;
    while (start < end && PY_SPACE.indexOf(text[start]) >= 0) start++;
    while (end > start && PY_SPACE.indexOf(text[end - 1]) >= 0) end--;
    return text.slice(start, end);
  }

  function isLiteralOk(text) {
    if (text.indexOf('\n') < 0 || /\n\n$/.test(text) || text[0] === ' ' || text[0] === '\n') {
      return false;
    }
    if (NEEDS_ESCAPE.test(text.replace(/[\n\t]/g, '')) || text.indexOf('\t') >= 0) return false;
    var body = text[text.length - 1] === '\n' ? text.slice(0, -1) : text;
    return body.split('\n').every(function (line) { return line === '' || line.replace(/ /g, '') !== ''; });
  }

  function quoted(text) {
    return '"' + text.replace(ESCAPE, function (ch) {
      if (SHORT[ch]) return SHORT[ch];
      return '\\u' + ('0000' + ch.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
    }) + '"';
  }

  function scalar(value) {
    if (value === null || value === undefined) return 'null';
    if (value === true) return 'true';
    if (value === false) return 'false';
    if (typeof value === 'number') {
      if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
      return pyFloat(value);
    }
    var text = String(value);
    return isPlainOk(text) ? text : quoted(text);
  }

  // Python's repr() of a float for the values a form produces (no exponent below 1e16)
  function pyFloat(value) {
    var text = String(value);
    return /[.e]/.test(text) ? text : text + '.0';
  }

  function branch(schema, value) {
    if (!schema) return null;
    var options = schema.oneOf || [];
    for (var i = 0; i < options.length; i++) {
      if (isObject(value) && options[i].type === 'object') return options[i];
      if (typeof value === 'string' && options[i].type === 'string') return options[i];
    }
    return schema;
  }

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function compare(a, b) {
    // Python sorts strings by code point
    var x = Array.from(a);
    var y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  function orderedKeys(schema, mapping) {
    var known = [];
    if (schema) {
      known = Object.keys(schema.properties || {});
      if (!known.length && schema.propertyNames && schema.propertyNames.enum) {
        known = schema.propertyNames.enum.slice();
      }
    }
    var first = known.filter(function (k) { return Object.prototype.hasOwnProperty.call(mapping, k); });
    var rest = Object.keys(mapping).filter(function (k) { return known.indexOf(k) < 0; }).sort(compare);
    return first.concat(rest);
  }

  function child(schema, key) {
    if (!schema) return null;
    var props = schema.properties || {};
    if (Object.prototype.hasOwnProperty.call(props, key)) return props[key];
    return isObject(schema.additionalProperties) ? schema.additionalProperties : null;
  }

  function items(schema) {
    return schema ? schema.items || null : null;
  }

  function spaces(n) {
    return new Array(n + 1).join(' ');
  }

  function emitValue(out, prefix, value, schema, indent) {
    schema = branch(schema, value);
    var pad = spaces(indent);
    if (isObject(value)) {
      if (!Object.keys(value).length) { out.push(pad + prefix + ' {}'); return; }
      out.push(pad + prefix);
      emitMapping(out, value, schema, indent + 2, null);
    } else if (Array.isArray(value)) {
      if (!value.length) { out.push(pad + prefix + ' []'); return; }
      out.push(pad + prefix);
      emitSequence(out, value, items(schema), indent + 2, false);
    } else if (typeof value === 'string' && isLiteralOk(value)) {
      var keep = value[value.length - 1] === '\n';
      out.push(pad + prefix + ' |' + (keep ? '' : '-'));
      var body = keep ? value.slice(0, -1) : value;
      var inner = spaces(indent + 2);
      body.split('\n').forEach(function (line) { out.push(line ? inner + line : ''); });
    } else {
      out.push(pad + prefix + ' ' + scalar(value));
    }
  }

  function emitMapping(out, mapping, schema, indent, firstPrefix) {
    orderedKeys(schema, mapping).forEach(function (key, n) {
      var start = out.length;
      emitValue(out, scalar(key) + ':', mapping[key], child(schema, key), indent);
      if (n === 0 && firstPrefix !== null) {
        out[start] = spaces(indent - 2) + firstPrefix + out[start].slice(indent);
      }
    });
  }

  function emitSequence(out, list, schema, indent, blankBetween) {
    list.forEach(function (item, n) {
      if (blankBetween && n) out.push('');
      var b = branch(schema, item);
      if (isObject(item) && Object.keys(item).length) {
        emitMapping(out, item, b, indent + 2, '- ');
      } else {
        emitValue(out, '-', item, b, indent);
      }
    });
  }

  /* The canonical text of the file's data: src/microsite/editing/yaml_layout.py format_projects(). */
  function formatProjects(data, schema) {
    var out = [];
    orderedKeys(schema, data).forEach(function (key) {
      var value = data[key];
      var c = child(schema, key);
      if (key === 'records' && Array.isArray(value) && value.length) {
        out.push('records:');
        emitSequence(out, value, items(c), 2, true);
      } else {
        emitValue(out, scalar(key) + ':', value, c, 0);
      }
    });
    return HEADER + out.join('\n') + '\n';
  }

  function isEmpty(value) {
    return value === null || value === undefined || value === false ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && !value.length) ||
      (isObject(value) && !Object.keys(value).length);
  }

  /* Drop what the form leaves empty, innermost first. */
  function prune(value) {
    if (Array.isArray(value)) {
      return value.map(prune).filter(function (v) { return !isEmpty(v); });
    }
    if (isObject(value)) {
      var result = {};
      Object.keys(value).forEach(function (key) {
        var v = prune(value[key]);
        if (!isEmpty(v)) result[key] = v;
      });
      return result;
    }
    return value;
  }

  function oneOfKinds(schema) {
    var kinds = { text: null, word: null, object: null };
    (schema && schema.oneOf || []).forEach(function (option) {
      if (option.type === 'string') kinds.text = option;
      else if (option.type === 'object') kinds.object = option;
      else if (option.enum) kinds.word = option;
    });
    return kinds;
  }

  /* Walk data and schema together; `change(value, schema)` may replace a value. */
  function walk(value, schema, change) {
    value = change(value, schema);
    var s = branch(schema, value);
    if (Array.isArray(value)) {
      return value.map(function (item) { return walk(item, items(s), change); });
    }
    if (isObject(value)) {
      var result = {};
      Object.keys(value).forEach(function (key) { result[key] = walk(value[key], child(s, key), change); });
      return result;
    }
    return value;
  }

  /* "50.000 €" → 50000; null for anything that is not a whole number as people write it. */
  function wholeNumber(text) {
    var m = /^\s*(\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+|\d+)\s*(?:€|EUR)?\s*$/.exec(String(text));
    return m ? Number(m[1].replace(/[^0-9]/g, '')) : null;
  }

  /* From the file to the form. */
  function toForm(data, schema, defaultLanguage) {
    return walk(data, schema, function (value, s) {
      if (s && s.type === 'integer' && typeof value === 'number') return String(value);
      var kinds = oneOfKinds(s);
      if (kinds.text && kinds.object && typeof value === 'string') {
        var name = {};
        name[defaultLanguage] = value;
        return name;
      }
      if (kinds.word && kinds.object && typeof value === 'string') {
        var flag = {};
        flag[value] = true;
        return flag;
      }
      return value;
    });
  }

  /* From the form to the file (after pruning). */
  function fromForm(data, schema, defaultLanguage) {
    return walk(prune(data), schema, function (value, s) {
      if (s && s.type === 'integer' && typeof value === 'string') {
        var number = wholeNumber(value);
        if (number === null) throw new Error('„' + value + '“ ist keine ganze Zahl');
        return number;
      }
      var kinds = oneOfKinds(s);
      if (kinds.text && kinds.object && isObject(value)) {
        var keys = Object.keys(value);
        if (keys.length === 1 && keys[0] === defaultLanguage) return value[defaultLanguage];
      }
      if (kinds.word && kinds.object && isObject(value)) {
        var words = kinds.word.enum.filter(function (w) { return value[w] === true; });
        if (words.length) return words[0];
      }
      return value;
    });
  }

  var api = {
    HEADER: HEADER,
    formatProjects: formatProjects,
    prune: prune,
    toForm: toForm,
    fromForm: fromForm,
    wholeNumber: wholeNumber,
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.MicrositeFormat = api;
})(this);
