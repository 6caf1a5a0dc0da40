report --scenario
