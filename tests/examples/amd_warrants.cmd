examples/amd_warrants.deal
