"""Warehouse load benchmark: rows/s merged into PostgreSQL by
`dataplay db load` (temporary staging table, multi-row bound INSERTs, upsert,
one transaction) against the seed's `load_to_warehouse` approach — pandas
reads the file, a DB-API cursor `executemany`s a parameterised INSERT into
a staging table, then INSERT … SELECT … ON CONFLICT DO UPDATE (the seed's
MySQL `ON DUPLICATE KEY UPDATE`, in PostgreSQL's words) and commit — with
psycopg2 (the classic driver, one round trip per row) and psycopg 3 (whose
executemany pipelines). Same CSV, same server, same run; each side loads
into a fresh table (all inserts), then loads again (nothing changes).

usage: python bench_load.py DATAPLAY_BINARY FACT_SALES_CSV POSTGRES_URL  (prints JSON)
"""
import json
import re
import statistics
import subprocess
import sys
import time

import pandas as pd
import psycopg
import psycopg2

KEY = ["transaction_id", "product_id"]
RUNS = 3


def q(name):
    return '"' + name.replace('"', '""') + '"'


def seed_load(connect, url, csv, table):
    """The seed's load_to_warehouse, for PostgreSQL."""
    t0 = time.perf_counter()
    frame = pd.read_csv(csv)
    frame = frame.astype(object).where(frame.notna(), None)
    frame["key_occurrence"] = frame.groupby(KEY).cumcount()
    conn = connect(url)
    cur = conn.cursor()
    columns = list(frame.columns)
    staging = f"{table}_staging"
    cur.execute(f"DROP TABLE IF EXISTS {q(staging)}")
    cur.execute(f"CREATE TEMPORARY TABLE {q(staging)} (LIKE {q(table)})")
    placeholders = ", ".join(["%s"] * len(columns))
    cols = ", ".join(q(c) for c in columns)
    cur.executemany(f"INSERT INTO {q(staging)} ({cols}) VALUES ({placeholders})",
                    [tuple(row) for row in frame.values])
    keys = ", ".join(q(c) for c in KEY + ["key_occurrence"])
    updates = ", ".join(f"{q(c)} = EXCLUDED.{q(c)}" for c in columns if c not in KEY + ["key_occurrence"])
    cur.execute(f"INSERT INTO {q(table)} ({cols}) SELECT {cols} FROM {q(staging)} "
                f"ON CONFLICT ({keys}) DO UPDATE SET {updates}")
    cur.execute(f"DROP TABLE {q(staging)}")
    conn.commit()
    conn.close()
    return time.perf_counter() - t0, len(frame)


def dataplay_load(cli, url, csv, table):
    t0 = time.perf_counter()
    out = subprocess.run([cli, "db", "--db", url, "load", "--table", table, "--key", ",".join(KEY), csv],
                         check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - t0, int(re.search(r"staged (\d+)", out).group(1))


def reset(url, *tables):
    conn = psycopg.connect(url)
    for t in tables:
        conn.execute(f"DROP TABLE IF EXISTS {q(t)}")
    conn.commit()
    conn.close()


def main():
    cli, csv, url = sys.argv[1:4]
    result = {"rows": None}
    # dataplay creates the table (types and primary key from the data);
    # the Python peers load into a copy of that definition.
    sides = {
        "dataplay": lambda first: dataplay_load(cli, url, csv, "bench_dataplay"),
        "psycopg2_executemany": lambda first: seed_load(psycopg2.connect, url, csv, "bench_psycopg2"),
        "psycopg3_executemany": lambda first: seed_load(psycopg.connect, url, csv, "bench_psycopg3"),
    }
    for name, run in sides.items():
        fresh, again = [], []
        for _ in range(RUNS if name != "psycopg2_executemany" else 1):
            reset(url, "bench_dataplay", "bench_psycopg2", "bench_psycopg3")
            dataplay_load(cli, url, csv, "bench_dataplay")  # the table definition
            if name != "dataplay":
                conn = psycopg.connect(url)
                conn.execute(f"CREATE TABLE {q('bench_' + name.split('_')[0])} (LIKE bench_dataplay INCLUDING ALL)")
                conn.commit()
                conn.close()
            else:
                reset(url, "bench_dataplay")
            secs, rows = run(True)
            fresh.append(secs)
            secs, _ = run(False)
            again.append(secs)
            result["rows"] = rows
        result[name] = {"fresh_s": statistics.median(fresh), "again_s": statistics.median(again),
                        "fresh_rows_per_s": rows / statistics.median(fresh),
                        "again_rows_per_s": rows / statistics.median(again)}
    reset(url, "bench_dataplay", "bench_psycopg2", "bench_psycopg3")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
