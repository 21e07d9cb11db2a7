#!/usr/bin/env bash
# The soak and fault run (issue 11; results in docs/reliability.md). Builds the demo and the
# benchmarks jar, then runs twisted.bench.soak.Soak against the demo: echo and chat connections with
# traffic for MINUTES (10), 10 % of the chat users never reading, the server's RSS and direct memory
# sampled; then slowloris against the HTTP port; then kill -9 and restart under load.
# Run it holding the build lock, so no build competes for the CPU:
#
#   flock /tmp/mvn.lock bash benchmarks/run-soak.sh            # or: mvn -B -ntp -Psoak -DskipTests verify
#
# Settings (environment): MINUTES, ECHO (5000), CHAT (5000), STUCK (0.1), TALKERS (10), SLOW (1000),
# SLOW_SECONDS (180: how long slowloris waits for the server to close its connections),
# OUT (benchmarks/target/soak), SKIP_BUILD=1 to reuse the jars, MVN_FLAGS (-o).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    rm -f demo-app/target/demo-app.jar*
    mvn -B -ntp ${MVN_FLAGS:--o} -q -Pbench -DskipTests package -pl demo-app,benchmarks -am
fi
ulimit -n "$(ulimit -Hn)"
exec java -Xms512m -Xmx512m -cp benchmarks/target/benchmarks.jar twisted.bench.soak.Soak \
    jar=demo-app/target/demo-app.jar out="${OUT:-benchmarks/target/soak}" minutes="${MINUTES:-10}" \
    echo="${ECHO:-5000}" chat="${CHAT:-5000}" stuck="${STUCK:-0.1}" talkers="${TALKERS:-10}" slow="${SLOW:-1000}" \
    slow-seconds="${SLOW_SECONDS:-180}"
