chek tests/cli/web.deal
