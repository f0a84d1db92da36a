#!/usr/bin/env node
// Build step after tsc: precompile the Handlebars templates into dist/generate/templates.js.
const fs = require('node:fs');
const { PRECOMPILED_FILE, precompileTemplates, readTemplateSources } = require('../dist/generate/render.js');

fs.writeFileSync(PRECOMPILED_FILE, precompileTemplates(readTemplateSources()));
