repl -
