#!/bin/sh
# lsp_neovim.sh - a real client: Neovim (Debian's neovim, installed by `make deps`) runs
# headless with `dealgraph lsp` configured as docs/EDITORS.md says, opens a script with a
# misspelt entity (the server checks as `check --strict` does), and the diagnostic it
# shows is read back from Neovim: its line and its message.
# Usage: sh tests/scripts/lsp_neovim.sh path/to/dealgraph
DG=${1:?usage: lsp_neovim.sh DEALGRAPH}
command -v nvim >/dev/null 2>&1 || { echo "nvim is missing: make deps installs neovim" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
DG=$(cd "$(dirname "$DG")" && pwd)/$(basename "$DG")
export DG OUT="$tmp/diagnostics.txt" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
    XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache" HOME="$tmp"

cat >"$tmp/typo.deal" <<'DEAL'
company nvidia
company openai
nvidai invests 100B in openai
DEAL

# The configuration of docs/EDITORS.md (vim.lsp.start; Neovim before 0.8 has start_client).
cat >"$tmp/init.lua" <<'LUA'
vim.api.nvim_create_autocmd({'BufRead', 'BufNewFile'}, {
  pattern = '*.deal',
  callback = function(ev)
    local cfg = {name = 'dealgraph', cmd = {os.getenv('DG'), 'lsp'},
                 root_dir = vim.fs and vim.fs.dirname(ev.file) or vim.fn.getcwd()}
    if vim.lsp.start then
      vim.lsp.start(cfg)
    else
      vim.lsp.buf_attach_client(0, vim.lsp.start_client(cfg))
    end
  end,
})

-- Wait for the server's diagnostics, write them as LINE:COL: MESSAGE, quit.
function DealgraphDump()
  vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(out, (d.lnum + 1) .. ':' .. (d.col + 1) .. ': ' .. d.message:gsub('\n', ' | '))
  end
  vim.fn.writefile(out, os.getenv('OUT'))
  vim.cmd('qa!')
end
LUA

cd "$tmp" || exit 1
timeout 90 nvim --headless -i NONE -u "$tmp/init.lua" -c 'lua DealgraphDump()' typo.deal \
    >"$tmp/nvim.log" 2>&1 </dev/null
code=$?
want="3:1: 'nvidai' is used but never declared | hint: did you mean 'nvidia'?"
got=$(cat "$OUT" 2>/dev/null)
if [ "$got" != "$want" ]; then
    echo "FAIL: Neovim shows (exit $code):"
    echo "$got"
    echo "wanted:"
    echo "$want"
    cat "$tmp/nvim.log"
    cat "$tmp"/state/nvim/lsp.log 2>/dev/null | tail -20
    exit 1
fi
echo ok
