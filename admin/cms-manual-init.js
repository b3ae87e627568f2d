/* Decap CMS starts only when preview.js calls CMS.init(), after our format, preview and media
 * library are registered. A file rather than an inline script: the page's policy has no
 * 'unsafe-inline' for scripts. */
window.CMS_MANUAL_INIT = true;
