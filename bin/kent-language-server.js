#!/usr/bin/env node
'use strict';
// The Kent language server for any LSP client: `kent-language-server --stdio`.
require('../dist/server.js');
