check --strict stdlib/ai2025.deal
