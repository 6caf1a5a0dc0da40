#!/bin/sh
# Runway and first default, conservation, losses adding up and causality on 40 random dated
# webs (tests/scripts/yearly_properties.py). $1 = the dealgraph binary.
exec python3 tests/scripts/yearly_properties.py "$1" 40
