check --strict stdlib/prelude.deal
