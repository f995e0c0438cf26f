-- Run by test/lsp-neovim.test.ts in `nvim --headless --clean`: Kent's server under Neovim's own
-- client, a hover and a completion turned into what Neovim shows by Neovim's own functions.
-- ROOT: the workspace; SERVER: bin/kent-language-server.js; FILE: the document; OUT: a JSON file.
local root, out = os.getenv('ROOT'), {}
local id = vim.lsp.start_client({ cmd = { 'node', os.getenv('SERVER'), '--stdio' }, root_dir = root, name = 'kent' })
vim.cmd('edit ' .. root .. '/' .. os.getenv('FILE'))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
vim.wait(10000, function() local c = vim.lsp.get_client_by_id(id); return c ~= nil and c.initialized end)

local function request(method, line, character)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
  local answers = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
  return answers[id] and answers[id].result
end

local hover = request('textDocument/hover', tonumber(os.getenv('HOVER_LINE')), tonumber(os.getenv('HOVER_CHARACTER')))
out.hover = hover and vim.lsp.util.convert_input_to_markdown_lines(hover.contents) or {}
-- What omnifunc (`<C-x><C-o>`) puts in the menu: its `info` is the documentation as sent.
local completion = request('textDocument/completion', tonumber(os.getenv('COMPLETE_LINE')), tonumber(os.getenv('COMPLETE_CHARACTER')))
out.completion = vim.lsp.util.text_document_completion_list_to_complete_items(completion or {}, '')

local file = io.open(os.getenv('OUT'), 'w')
file:write(vim.json.encode(out))
file:close()
vim.lsp.stop_client(id)
vim.cmd('qa!')
