#!/bin/sh
# gen.sh DEALS ENTITIES [SCENARIO] - print a synthetic deal web: ENTITIES companies with
# resources, one market, DEALS deals among them (deterministic: fixed seed). With SCENARIO,
# a demand-shortfall scenario and a what-if are appended.
awk -v n="$1" -v m="$2" -v sc="$3" 'BEGIN {
    srand(20251022)
    print "# synthetic web: " n " deals among " m " entities"
    print "as of 2025;"
    print "market users \"End users\""
    for (i = 0; i < m; i++)
        printf "company e%d { cash %dB; revenue %dB/y; debt %dB; equity %dB }\n", i, 1 + int(rand() * 50), 1 + int(rand() * 40), int(rand() * 20), 5 + int(rand() * 100)
    split("buys pays invests lends", verb, " ")
    split("from to in to", prep, " ")
    for (k = 0; k < n; k++) {
        a = int(rand() * m); b = int(rand() * m)
        if (a == b) b = (b + 1) % m
        v = 1 + int(rand() * 4)
        amt = sprintf("%.1fB", 0.1 + rand() * 5)
        if (k % 10 == 0)
            printf "users pays %s to e%d\n", amt, b
        else if (k % 3 == 0)
            printf "e%d %s %s %s e%d over %dy from %d\n", a, verb[v], amt, prep[v], b, 1 + int(rand() * 5), 2025 + int(rand() * 4)
        else
            printf "e%d %s %s %s e%d\n", a, verb[v], amt, prep[v], b
    }
    if (sc != "") {
        print "scenario shortfall \"demand falls by half\" { shock payments of users by -50% }"
        print "what if shortfall { show system }"
    }
}'
