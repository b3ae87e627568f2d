/* A date picker for fields that take a month or a day ("2025-03" or "2025-03-15"), as Decap's
 * own date field cannot: the browser's date input (shown in the browser's language, e.g.
 * 15.03.2025 in German) or, with "Nur Monat bekannt", its month input. The value is stored as
 * text in the form the data file uses; no time and no time zone are involved.
 */
(function () {
  'use strict';

  var MONTH = /^\d{4}-\d{2}$/;

  var Control = createClass({
    getInitialState: function () {
      return { monthOnly: MONTH.test(String(this.props.value || '')) };
    },
    setMonthOnly: function (event) {
      var monthOnly = event.target.checked;
      var value = String(this.props.value || '');
      this.setState({ monthOnly: monthOnly });
      if (value) this.props.onChange(monthOnly ? value.slice(0, 7) : value.slice(0, 7) + '-01');
    },
    render: function () {
      var self = this;
      var monthOnly = this.state.monthOnly;
      var value = String(this.props.value || '');
      var shown = monthOnly ? value.slice(0, 7) : (MONTH.test(value) ? value + '-01' : value);
      return h('div', { className: this.props.classNameWrapper },
        h('input', {
          id: this.props.forID, type: monthOnly ? 'month' : 'date', value: shown,
          onChange: function (event) { self.props.onChange(event.target.value); },
          onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
          style: { font: 'inherit', padding: '6px', border: '1px solid #ccc', borderRadius: '4px' },
        }),
        h('label', { style: { marginLeft: '16px', whiteSpace: 'nowrap' } },
          h('input', { type: 'checkbox', checked: monthOnly, onChange: this.setMonthOnly }),
          ' Nur Monat bekannt'));
    },
  });

  CMS.registerWidget('microsite-date', Control);
})();
