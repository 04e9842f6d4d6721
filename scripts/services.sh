#!/usr/bin/env bash
# Starts the connector tests' real servers on loopback, installing them if
# missing (Debian's postgresql and mariadb-server; moto from the test venv):
# a PostgreSQL cluster on 127.0.0.1:55432, a MariaDB server on
# 127.0.0.1:33306 and an S3 server (moto) on 127.0.0.1:35555, each with its own
# data directory under $DATAPLAY_SERVICES (default /tmp/dataplay-services),
# a `dataplay` user with a random password, and the databases dataplay_src
# and dataplay_wh. Writes the URLs to $DATAPLAY_SERVICES/env (mode 0600),
# which `make test` sources; the password is never printed or committed.
# Idempotent: servers already running are reused. `scripts/services.sh stop`
# stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
DIR="${DATAPLAY_SERVICES:-/tmp/dataplay-services}"
PG_PORT=55432
MY_PORT=33306
log() { printf '[services] %s\n' "$*" >&2; }
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
as() { local user=$1; shift; if [ "$(id -un)" = "$user" ]; then "$@"; else $SUDO runuser -u "$user" -- "$@"; fi; }

# A process that is gone, or a zombie not yet reaped, is not running.
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null; }
# wait_ready NAME PIDFILE LOG CHECK…: until CHECK succeeds (60 s at most,
# or until the process dies); if it never does, the log's end and exit 1.
wait_ready() {
    local name=$1 pidfile=$2 logfile=$3; shift 3
    for _ in $(seq 1 120); do
        "$@" && return 0
        alive "$(cat "$pidfile")" || break
        sleep 0.5
    done
    log "$name did not start; the end of $logfile:"
    tail -n 20 "$logfile" >&2 || true
    exit 1
}
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ "${1:-start}" = stop ]; then
    [ -d "$DIR/pg" ] && as postgres "$(pg_bin)/pg_ctl" -D "$DIR/pg" stop -m fast >/dev/null 2>&1 || true
    [ -f "$DIR/mysql.pid" ] && kill "$(cat "$DIR/mysql.pid")" 2>/dev/null || true
    [ -f "$DIR/moto.pid" ] && kill "$(cat "$DIR/moto.pid")" 2>/dev/null || true
    exit 0
fi

missing=()
[ -n "$(pg_bin)" ] || missing+=(postgresql)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    $SUDO apt-get update -qq
    # No service is started by the package (policy-rc.d 101): ours run on their own ports.
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    $SUDO rm -f /usr/sbin/policy-rc.d
fi

mkdir -p "$DIR"
chmod 755 "$DIR"
if [ ! -f "$DIR/password" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$DIR/password")
fi
PASSWORD=$(cat "$DIR/password")

# PostgreSQL: a cluster of our own, owned by the postgres user.
BIN=$(pg_bin)
# Running means it answers, not that a pid file says so (a session's end
# leaves a stale postmaster.pid behind).
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; then
    if [ ! -f "$DIR/pg/PG_VERSION" ]; then
        log "initialising PostgreSQL in $DIR/pg"
        $SUDO install -d -o postgres -g postgres -m 700 "$DIR/pg"
        as postgres "$BIN/initdb" -D "$DIR/pg" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    fi
    for lock in "$DIR/pg/postmaster.pid" "$DIR"/pgsock/.s.PGSQL.*.lock; do
        if [ -f "$lock" ] && ! alive "$(head -1 "$lock")"; then rm -f "$lock"; fi
    done
    $SUDO install -d -o postgres -g postgres -m 755 "$DIR/pgsock"
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as postgres "$BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pgsock/pg.log" -w -t 60 \
        -o "-p $PG_PORT -k $DIR/pgsock -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null || {
        log "PostgreSQL did not start; the end of $DIR/pgsock/pg.log:"
        tail -n 20 "$DIR/pgsock/pg.log" >&2 || true
        exit 1
    }
fi
psql_admin() { as postgres "$BIN/psql" -h "$DIR/pgsock" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'dataplay'")" != 1 ]; then
    psql_admin -c "CREATE ROLE dataplay LOGIN PASSWORD '$PASSWORD'" >/dev/null
fi
for db in dataplay_src dataplay_wh; do
    if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
        psql_admin -c "CREATE DATABASE $db OWNER dataplay" >/dev/null
    fi
done

# MariaDB: a server of our own, its socket and pid in $DIR.
if ! { [ -f "$DIR/mysql.pid" ] && alive "$(cat "$DIR/mysql.pid")"; }; then
    if [ ! -d "$DIR/mysql/mysql" ]; then
        log "initialising MariaDB in $DIR/mysql"
        $SUDO install -d -o mysql -g mysql -m 750 "$DIR/mysql"
        $SUDO mariadb-install-db --user=mysql --datadir="$DIR/mysql" --auth-root-authentication-method=socket \
            --skip-test-db >/dev/null 2>&1
    fi
    $SUDO install -d -o mysql -g mysql -m 755 "$DIR/mysqlrun"
    # A server killed with its session leaves its socket and pid file behind:
    # a stale socket would pass for a live one.
    $SUDO rm -f "$DIR/mysqlrun/mysqld.sock" "$DIR/mysqlrun/mysqld.sock.lock" "$DIR/mysqlrun/mysqld.pid"
    log "starting MariaDB on 127.0.0.1:$MY_PORT"
    $SUDO /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$DIR/mysql" --port=$MY_PORT --bind-address=127.0.0.1 \
        --socket="$DIR/mysqlrun/mysqld.sock" --pid-file="$DIR/mysqlrun/mysqld.pid" --log-error="$DIR/mysqlrun/mysql.log" \
        --innodb-flush-log-at-trx-commit=0 --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_bin >/dev/null 2>&1 &
    echo $! > "$DIR/mysql.pid"
fi
# Ready means it answers on its socket, not that the socket file exists.
my_ping() { $SUDO mariadb-admin --no-defaults -S "$DIR/mysqlrun/mysqld.sock" -u root ping >/dev/null 2>&1; }
wait_ready MariaDB "$DIR/mysql.pid" "$DIR/mysqlrun/mysql.log" my_ping
$SUDO mariadb --no-defaults -S "$DIR/mysqlrun/mysqld.sock" -u root <<SQL
CREATE USER IF NOT EXISTS 'dataplay'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
CREATE DATABASE IF NOT EXISTS dataplay_src;
CREATE DATABASE IF NOT EXISTS dataplay_wh;
GRANT ALL PRIVILEGES ON dataplay_src.* TO 'dataplay'@'127.0.0.1';
GRANT ALL PRIVILEGES ON dataplay_wh.* TO 'dataplay'@'127.0.0.1';
GRANT PROCESS ON *.* TO 'dataplay'@'127.0.0.1';
SQL

# S3: moto's server (from the test venv scripts/setup.sh makes), in memory,
# with the tests' bucket. It takes any credentials.
S3_PORT=35555
S3_BUCKET=dataplay-test
s3() { python3 -c "import sys, urllib.request as u; u.urlopen(u.Request(sys.argv[1], method=sys.argv[2]), timeout=2)" "$@" 2>/dev/null; }
if ! s3 "http://127.0.0.1:$S3_PORT/" GET; then
    MOTO="$DATAPLAY_CACHE/py/bin/moto_server"
    [ -x "$MOTO" ] || { log "$MOTO is missing: run scripts/setup.sh"; exit 1; }
    log "starting the S3 server (moto) on 127.0.0.1:$S3_PORT"
    nohup "$MOTO" -H 127.0.0.1 -p "$S3_PORT" >"$DIR/moto.log" 2>&1 &
    echo $! > "$DIR/moto.pid"
    wait_ready "the S3 server" "$DIR/moto.pid" "$DIR/moto.log" s3 "http://127.0.0.1:$S3_PORT/" GET
fi
s3 "http://127.0.0.1:$S3_PORT/$S3_BUCKET" PUT || { log "could not create the bucket $S3_BUCKET"; exit 1; }

(umask 077; cat > "$DIR/env" <<ENV
export DATAPLAY_TEST_PG_SRC=postgres://dataplay:$PASSWORD@127.0.0.1:$PG_PORT/dataplay_src
export DATAPLAY_TEST_PG_WH=postgres://dataplay:$PASSWORD@127.0.0.1:$PG_PORT/dataplay_wh
export DATAPLAY_TEST_MYSQL_SRC=mysql://dataplay:$PASSWORD@127.0.0.1:$MY_PORT/dataplay_src
export DATAPLAY_TEST_MYSQL_WH=mysql://dataplay:$PASSWORD@127.0.0.1:$MY_PORT/dataplay_wh
export DATAPLAY_TEST_S3_ENDPOINT=http://127.0.0.1:$S3_PORT
export DATAPLAY_TEST_S3_BUCKET=$S3_BUCKET
ENV
)
log "PostgreSQL 127.0.0.1:$PG_PORT, MariaDB 127.0.0.1:$MY_PORT and S3 127.0.0.1:$S3_PORT ready (URLs in $DIR/env)"
