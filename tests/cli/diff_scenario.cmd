diff --scenario winter tests/cli/web.deal
