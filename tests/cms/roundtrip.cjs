// The editor's save path without the browser: read data/projects.yaml as the editor does
// (js-yaml, core schema), turn it into form values and back, write it with the editor's
// format. Usage: node roundtrip.cjs <schema.json> <default language> < file.yaml > out.yaml
'use strict';
const fs = require('fs');
const path = require('path');
const modules = path.resolve(__dirname, '../../tools/cms/node_modules');
const jsyaml = require(path.join(modules, 'js-yaml'));
const format = require(path.resolve(__dirname, '../../admin/microsite-format.js'));

const schema = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const lang = process.argv[3];
const data = jsyaml.load(fs.readFileSync(0, 'utf8'), { schema: jsyaml.CORE_SCHEMA });
const form = format.toForm(data, schema, lang);
process.stdout.write(format.formatProjects(format.fromForm(form, schema, lang), schema));
