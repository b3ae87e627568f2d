/* The editor has no media library: no record field takes a file, and an upload would go on
 * the site (and, through Decap's library, straight to main without review). Decap CMS needs a
 * media library in its configuration, so admin/config.yml names this one, which stores
 * nothing: enableStandalone() false hides the "Medien" button, and show() only says why.
 * Loaded before CMS.init (preview.js). */
(function () {
  'use strict';
  CMS.registerMediaLibrary({
    name: 'keine-uploads',
    init: function () {
      return Promise.resolve({
        show: function () {
          window.alert('Dateien hochladen ist hier nicht möglich: Die Website veröffentlicht ' +
            'nur Texte aus dem Formular. Bilder oder PDF gibt die Redaktion über die IT.');
        },
        hide: function () {},
        enableStandalone: function () { return false; },
      });
    },
  });
})();
