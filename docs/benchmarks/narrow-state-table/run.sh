#!/bin/bash
# The narrow state table measured in SQL (decision 0112, docs/benchmarks.md): what PostgreSQL
# spends per notification to insert it claimed and record it SENT, with today's one wide
# `notification` table (shipped.sql) against the content in one table and the status in a
# narrow one (narrow.sql). Batches of 100 rows, as the worker writes them.
#
#   PGHOST=127.0.0.1 PGPORT=25432 PGUSER=postgres bash run.sh [transactions per client, 500] [rounds, 5]
#
# Needs pgbench and psql on the PATH and a PostgreSQL server on this machine that nothing else
# uses (its processes' CPU is read from /proc); creates and drops the database `narrow_state`.
set -euo pipefail
cd "$(dirname "$0")"
T=${1:-500}
ROUNDS=${2:-5}
CLIENTS=4
PSQL="psql -q -X -v ON_ERROR_STOP=1"
$PSQL -d postgres -c "DROP DATABASE IF EXISTS narrow_state" -c "CREATE DATABASE narrow_state"
$PSQL -d narrow_state -f schema.sql
POSTMASTER=$(head -1 "$($PSQL -At -d narrow_state -c 'SHOW data_directory')/postmaster.pid")

# clock ticks of the server: the postmaster, the children it has reaped (backends of finished
# connections, autovacuum workers) and the children alive now
server_ticks() {
  local ticks
  ticks=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$POSTMASTER/stat")
  for child in $(pgrep -P "$POSTMASTER"); do
    ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$ticks"
}

HZ=$(getconf CLK_TCK)
wal_lsn() { $PSQL -At -d narrow_state -c "SELECT pg_current_wal_lsn()"; }
# a round unreported first: the server's caches and the first checkpoint
for layout in shipped narrow; do
  pgbench -n -c $CLIENTS -j 2 -t $((T / 5 + 1)) -f "$layout.sql" narrow_state > /dev/null
done
echo "| round | layout | notifications | PostgreSQL CPU ms per notification | WAL bytes per notification | batches/s |"
echo "|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  for layout in shipped narrow; do
    $PSQL -d narrow_state -c "TRUNCATE a_n, b_n, b_state" -c "VACUUM ANALYZE" -c "CHECKPOINT"
    before=$(server_ticks)
    lsn=$(wal_lsn)
    tps=$(pgbench -n -c $CLIENTS -j 2 -t "$T" -f "$layout.sql" narrow_state | awk '/^tps =/ {print $3; exit}')
    sleep 12 # autovacuum of this round's dead rows (naptime 10 s) falls inside the window
    after=$(server_ticks)
    rows=$((T * CLIENTS * 100))
    wal=$($PSQL -At -d narrow_state -c "SELECT round(pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn') / $rows)")
    echo "| $round | $layout | $rows | $(echo "scale=4; ($after - $before) * 1000 / $HZ / $rows" | bc) | $wal | ${tps%.*} |"
  done
done
$PSQL -d postgres -c "DROP DATABASE narrow_state"
