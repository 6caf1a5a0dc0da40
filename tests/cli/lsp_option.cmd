lsp --stdio --frobnicate
