/* Not a header to include: the network is tests/unit/cascade_net.h. This file stays only
 * while the Makefile names tests/cascade_net.h as a prerequisite of the unit tests; it goes
 * when that rule names tests/unit/cascade_net.h instead. */
