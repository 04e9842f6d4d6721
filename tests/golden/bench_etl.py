"""ETL benchmark, native: `dataplay etl` against the seed's pandas code on the
same files (1M transaction items by default), median of 3 runs each.

Both read the six CSVs, run the pipeline and write fact_sales,
fact_inventory_movements and dim_customers as CSV. The pipeline alone
(tables already in memory, no file I/O) is timed too: `dataplay` reports it,
pandas is timed around the seed's extract + transform functions.

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
    return t3 - t0, t2 - t1, len(sales)


def dataplay_run(cli, source, out):
    t0 = time.perf_counter()
    r = subprocess.run([cli, "etl", "--source", source, "--out", out, "--from", FROM, "--to", TO, "--no-checks"],
                       capture_output=True, text=True, check=True)
    total = time.perf_counter() - t0
    pipeline_ms = float(re.search(r"done in ([\d.]+) ms", r.stdout).group(1))
    rows = int(re.search(r"^transform_sales\s+\d+ →\s+(\d+) rows", r.stdout, re.M).group(1))
    return total, pipeline_ms / 1000, rows


def main():
    cli, source = sys.argv[1], sys.argv[2]
    out = tempfile.mkdtemp(prefix="dataplay-bench-etl-")
    p = [pandas_run(source, out) for _ in range(3)]
    d = [dataplay_run(cli, source, out) for _ in range(3)]
    assert p[0][2] == d[0][2], f"row counts differ: pandas {p[0][2]}, dataplay {d[0][2]}"
    print(json.dumps({
        "rows": d[0][2],
        "pandas_end_to_end": statistics.median(x[0] for x in p),
        "pandas_pipeline": statistics.median(x[1] for x in p),
        "dataplay_end_to_end": statistics.median(x[0] for x in d),
        "dataplay_pipeline": statistics.median(x[1] for x in d),
    }))


if __name__ == "__main__":
    main()
