#!/usr/bin/env node
// Build step after tsc: precompile the Handlebars templates into dist/generate/templates.js
// (templates/hcl) and dist/generate/markdown-templates.js (templates/markdown).
const fs = require('node:fs');
const { PRECOMPILED_FILE, precompileTemplates, readTemplateSources } = require('../dist/generate/render.js');

fs.writeFileSync(PRECOMPILED_FILE, precompileTemplates(readTemplateSources()));

const markdown = require('../dist/generate/markdown.js');
fs.writeFileSync(markdown.MARKDOWN_PRECOMPILED_FILE, markdown.precompileMarkdownTemplates());
