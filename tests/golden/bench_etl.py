"""ETL benchmark, native: `dataplay etl` against the seed's pandas code on the
same files (1M transaction items by default), median of 3 runs each.

Both read the six CSVs, run the pipeline and write fact_sales,
fact_inventory_movements and dim_customers as CSV. The parts are timed too:
reading, the pipeline alone (tables in memory) and writing — `dataplay etl`
prints its own, pandas is timed around `read_sources`, the seed's extract +
transform functions, and `to_csv`.

usage: python bench_etl.py DATAPLAY_BINARY SOURCE_DIR  (prints one JSON object)
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
import seed_etl  # noqa: E402

FROM, TO = "2024-01-01", "2024-03-31"


def pandas_run(source, out):
    t0 = time.perf_counter()
    src = seed_etl.read_sources(source)
    t1 = time.perf_counter()
    sales = seed_etl.transform_sales_data(seed_etl.extract_pos_data(src, FROM, TO))
    inventory = seed_etl.transform_inventory_data(seed_etl.extract_inventory_data(src, FROM, TO))
    customers = seed_etl.extract_customer_data(src)
    t2 = time.perf_counter()
    for name, frame in [("fact_sales", sales), ("fact_inventory_movements", inventory), ("dim_customers", customers)]:
        frame.to_csv(f"{out}/{name}.csv", index=False)
    t3 = time.perf_counter()
    return {"end_to_end": t3 - t0, "read": t1 - t0, "pipeline": t2 - t1, "write": t3 - t2, "rows": len(sales)}


def dataplay_run(cli, source, out):
    t0 = time.perf_counter()
    r = subprocess.run([cli, "etl", "--source", source, "--out", out, "--from", FROM, "--to", TO, "--no-checks"],
                       capture_output=True, text=True, check=True)
    total = time.perf_counter() - t0
    ms = lambda pattern: float(re.search(pattern, r.stdout).group(1)) / 1000  # noqa: E731
    rows = int(re.search(r"^transform_sales\s+\d+ →\s+(\d+) rows", r.stdout, re.M).group(1))
    return {"end_to_end": total, "read": ms(r"read sources in ([\d.]+) ms"), "pipeline": ms(r"done in ([\d.]+) ms"),
            "write": ms(r"wrote the tables in ([\d.]+) ms"), "rows": rows}


def main():
    cli, source = sys.argv[1], sys.argv[2]
    out = tempfile.mkdtemp(prefix="dataplay-bench-etl-")
    p = [pandas_run(source, out) for _ in range(3)]
    d = [dataplay_run(cli, source, out) for _ in range(3)]
    assert p[0]["rows"] == d[0]["rows"], f"row counts differ: pandas {p[0]['rows']}, dataplay {d[0]['rows']}"
    result = {"rows": d[0]["rows"]}
    for who, runs in [("pandas", p), ("dataplay", d)]:
        for part in ["end_to_end", "read", "pipeline", "write"]:
            result[f"{who}_{part}"] = statistics.median(x[part] for x in runs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
