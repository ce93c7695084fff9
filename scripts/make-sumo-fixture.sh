#!/usr/bin/env bash
# Rebuilds the small SUMO floating-car-data fixture in tests/fixtures/sumo/ used by tests/sim/mobility.
# Needs SUMO's command-line tools (Debian: `apt-get install -y sumo`); the tests themselves only read the
# committed output. The run is seeded, so the same SUMO version reproduces the same trace.
#
#   net:    straight one-way 3-lane highway, 2 km along +x (netgenerate 2x1 grid, reverse edge removed)
#   routes: 20 cars departing at t = 0, 0.5, ..., 9.5 s, round-robin over the 3 lanes, desired speed
#           25 m/s * speedFactor ~ N(1, 0.1)
#   run:    t = 0..60 s, simulation step 0.5 s (exact departures), FCD every 1 s (61 timesteps):
#           `sumo --fcd-output` -> highway.fcd.xml, about 150 KB; all 20 cars are on the road from t = 10 s.
#           Only the "generated on" date in the XML header comments changes between runs.
set -euo pipefail
if [ -z "${SUMO_HOME:-}" ] && [ -d /usr/share/sumo ]; then export SUMO_HOME=/usr/share/sumo; fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/tests/fixtures/sumo"
for tool in netgenerate netconvert sumo; do
  command -v "$tool" >/dev/null || { echo "missing '$tool': install SUMO (apt-get install -y sumo)" >&2; exit 1; }
done
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# 1) Net: a 2x1 grid is two junctions 2000 m apart joined by a two-way road; drop the westbound edge.
netgenerate --grid --grid.x-number 2 --grid.y-number 1 --grid.x-length 2000 \
  --default.lanenumber 3 --default.speed 25 --no-turnarounds \
  --no-warnings --output-file "$tmp/grid.net.xml"
netconvert --sumo-net-file "$tmp/grid.net.xml" --remove-edges.explicit B0A0 \
  --no-warnings --output-file "$out/highway.net.xml"

# 2) Routes: explicit vehicles so ids, departure times and lanes are fixed.
{
  echo '<routes>'
  echo '  <vType id="car" length="5" maxSpeed="33.33" speedFactor="normc(1,0.1,0.8,1.2)" sigma="0.1"/>'
  echo '  <route id="east" edges="A0B0"/>'
  for i in $(seq 0 19); do
    depart="$(awk -v i="$i" 'BEGIN { printf "%.1f", i * 0.5 }')"
    echo "  <vehicle id=\"veh$(printf %02d "$i")\" type=\"car\" route=\"east\" depart=\"$depart\" departLane=\"$((i % 3))\" departPos=\"base\" departSpeed=\"max\"/>"
  done
  echo '</routes>'
} > "$out/highway.rou.xml"

# 3) Config and run.
cat > "$out/highway.sumocfg" <<'CFG'
<configuration>
  <input>
    <net-file value="highway.net.xml"/>
    <route-files value="highway.rou.xml"/>
  </input>
  <time>
    <begin value="0"/>
    <end value="61"/>
    <step-length value="0.5"/>
  </time>
  <random_number>
    <seed value="42"/>
  </random_number>
</configuration>
CFG

(cd "$out" && sumo --configuration-file highway.sumocfg --fcd-output highway.fcd.xml \
  --device.fcd.period 1 --no-step-log --no-warnings --duration-log.disable)
echo "wrote $out/highway.fcd.xml ($(wc -c < "$out/highway.fcd.xml") bytes)"
