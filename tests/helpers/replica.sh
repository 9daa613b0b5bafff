#!/usr/bin/env bash
# A PostgreSQL 15 streaming replica of the local server (127.0.0.1:5432, trust auth) for the read-replica
# test (tests/server/db/replicas.pg.test.ts). Run as root; the cluster lives in a temporary folder owned
# by the postgres user and is removed by `stop`.
#
#   tests/helpers/replica.sh start   -> prints "PORT DIR" of a running hot standby
#   tests/helpers/replica.sh pause DIR / resume DIR   (stop / restart the server, keeping its files)
#   tests/helpers/replica.sh stop DIR   -> stops it and deletes DIR
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
primary_host=127.0.0.1
primary_port=5432
# From /: the caller's folder (a fresh clone in a private temp folder) may be closed to the postgres user.
as_pg() { (cd / && runuser -u postgres -- "$@"); }

case "${1:-}" in
start)
  [ "$(id -u)" = 0 ] || { echo "replica.sh must run as root (it starts a cluster as the postgres user)" >&2; exit 2; }
  [ -x "$bin/pg_basebackup" ] || { echo "PostgreSQL 15 server binaries are missing in $bin" >&2; exit 2; }
  # Replication connections from 127.0.0.1 must be allowed (the 'all' database entry does not cover them).
  hba="$(psql -h $primary_host -p $primary_port -U postgres -Atc 'SHOW hba_file')"
  if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    sed -i '1i host replication all 127.0.0.1/32 trust' "$hba"
    psql -h $primary_host -p $primary_port -U postgres -qAtc 'SELECT pg_reload_conf()' >/dev/null
    sleep 0.5
  fi
  port=""
  for p in $(seq 5434 5460); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then port=$p; break; fi
  done
  [ -n "$port" ] || { echo "no free port in 5434-5460" >&2; exit 2; }
  dir="$(mktemp -d /tmp/fupin-replica.XXXXXX)"
  chown postgres:postgres "$dir"
  chmod 700 "$dir"
  # -R writes standby.signal and primary_conninfo: the copy starts as a streaming hot standby.
  # A replication slot of its own keeps the primary's WAL until the standby has it, however busy the primary is.
  slot="fupin_replica_${port}_$$"
  echo "$slot" > "$dir/slot"
  as_pg "$bin/pg_basebackup" -h $primary_host -p $primary_port -U postgres -D "$dir/data" -X stream -R -C -S "$slot" --checkpoint=fast >&2
  # Debian keeps the configuration in /etc, outside the copied data folder: the standby gets its own.
  as_pg tee "$dir/data/postgresql.conf" >/dev/null <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
hot_standby = on
hot_standby_feedback = on
$(psql -h $primary_host -p $primary_port -U postgres -Atc "SELECT string_agg(name || ' = ' || setting, E'\\n') FROM pg_settings WHERE name IN ('max_connections','max_worker_processes','max_wal_senders','max_prepared_transactions','max_locks_per_transaction')")
shared_buffers = 32MB
CONF
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' | as_pg tee "$dir/data/pg_hba.conf" >/dev/null
  as_pg touch "$dir/data/pg_ident.conf"
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start >&2
  # Ready when it streams from the primary.
  for _ in $(seq 1 60); do
    [ "$(psql -h 127.0.0.1 -p "$port" -U postgres -Atc 'SELECT status FROM pg_stat_wal_receiver' 2>/dev/null)" = streaming ] && break
    sleep 0.5
  done
  [ "$(psql -h 127.0.0.1 -p "$port" -U postgres -Atc 'SELECT status FROM pg_stat_wal_receiver')" = streaming ] || { tail -20 "$dir/log" >&2; echo "the replica does not stream from the primary" >&2; exit 1; }
  echo "$port $dir"
  ;;
pause)
  as_pg "$bin/pg_ctl" -D "$2/data" -m fast -w stop >&2
  ;;
resume)
  as_pg "$bin/pg_ctl" -D "$2/data" -l "$2/log" -w -t 60 start >&2
  ;;
stop)
  dir="${2:?usage: replica.sh stop DIR}"
  case "$dir" in /tmp/fupin-replica.*) ;; *) echo "refusing to remove $dir" >&2; exit 2 ;; esac
  if [ -f "$dir/data/postmaster.pid" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true; fi
  if [ -f "$dir/slot" ]; then
    psql -h $primary_host -p $primary_port -U postgres -qAtc "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$(cat "$dir/slot")'" >/dev/null || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: replica.sh start | pause DIR | resume DIR | stop DIR" >&2
  exit 2
  ;;
esac
