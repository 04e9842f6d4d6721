#!/usr/bin/env bash
# Starts the connector tests' real servers on loopback, installing them if
# missing (Debian's postgresql and mariadb-server): a PostgreSQL cluster on
# 127.0.0.1:55432 and a MariaDB server on 127.0.0.1:33306, each with its own
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

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ "${1:-start}" = stop ]; then
    [ -d "$DIR/pg" ] && as postgres "$(pg_bin)/pg_ctl" -D "$DIR/pg" stop -m fast >/dev/null 2>&1 || true
    [ -f "$DIR/mysql.pid" ] && kill "$(cat "$DIR/mysql.pid")" 2>/dev/null || true
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
if ! as postgres "$BIN/pg_ctl" -D "$DIR/pg" status >/dev/null 2>&1; then
    if [ ! -f "$DIR/pg/PG_VERSION" ]; then
        log "initialising PostgreSQL in $DIR/pg"
        $SUDO install -d -o postgres -g postgres -m 700 "$DIR/pg"
        as postgres "$BIN/initdb" -D "$DIR/pg" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    fi
    $SUDO install -d -o postgres -g postgres -m 755 "$DIR/pgsock"
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as postgres "$BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pgsock/pg.log" -w -t 60 \
        -o "-p $PG_PORT -k $DIR/pgsock -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
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
if ! { [ -f "$DIR/mysql.pid" ] && kill -0 "$(cat "$DIR/mysql.pid")" 2>/dev/null; }; then
    if [ ! -d "$DIR/mysql/mysql" ]; then
        log "initialising MariaDB in $DIR/mysql"
        $SUDO install -d -o mysql -g mysql -m 750 "$DIR/mysql"
        $SUDO mariadb-install-db --user=mysql --datadir="$DIR/mysql" --auth-root-authentication-method=socket \
            --skip-test-db >/dev/null 2>&1
    fi
    $SUDO install -d -o mysql -g mysql -m 755 "$DIR/mysqlrun"
    log "starting MariaDB on 127.0.0.1:$MY_PORT"
    $SUDO /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$DIR/mysql" --port=$MY_PORT --bind-address=127.0.0.1 \
        --socket="$DIR/mysqlrun/mysqld.sock" --pid-file="$DIR/mysqlrun/mysqld.pid" --log-error="$DIR/mysqlrun/mysql.log" \
        --innodb-flush-log-at-trx-commit=0 --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_bin >/dev/null 2>&1 &
    echo $! > "$DIR/mysql.pid"
    for _ in $(seq 1 120); do
        [ -S "$DIR/mysqlrun/mysqld.sock" ] && break
        sleep 0.5
    done
    [ -S "$DIR/mysqlrun/mysqld.sock" ] || { log "MariaDB did not start; see $DIR/mysqlrun/mysql.log"; exit 1; }
fi
$SUDO mariadb --no-defaults -S "$DIR/mysqlrun/mysqld.sock" -u root <<SQL
CREATE USER IF NOT EXISTS 'dataplay'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
CREATE DATABASE IF NOT EXISTS dataplay_src;
CREATE DATABASE IF NOT EXISTS dataplay_wh;
GRANT ALL PRIVILEGES ON dataplay_src.* TO 'dataplay'@'127.0.0.1';
GRANT ALL PRIVILEGES ON dataplay_wh.* TO 'dataplay'@'127.0.0.1';
GRANT PROCESS ON *.* TO 'dataplay'@'127.0.0.1';
SQL

(umask 077; cat > "$DIR/env" <<ENV
export DATAPLAY_TEST_PG_SRC=postgres://dataplay:$PASSWORD@127.0.0.1:$PG_PORT/dataplay_src
export DATAPLAY_TEST_PG_WH=postgres://dataplay:$PASSWORD@127.0.0.1:$PG_PORT/dataplay_wh
export DATAPLAY_TEST_MYSQL_SRC=mysql://dataplay:$PASSWORD@127.0.0.1:$MY_PORT/dataplay_src
export DATAPLAY_TEST_MYSQL_WH=mysql://dataplay:$PASSWORD@127.0.0.1:$MY_PORT/dataplay_wh
ENV
)
log "PostgreSQL 127.0.0.1:$PG_PORT and MariaDB 127.0.0.1:$MY_PORT ready (URLs in $DIR/env)"
