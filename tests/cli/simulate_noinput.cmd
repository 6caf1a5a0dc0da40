simulate bust 10
