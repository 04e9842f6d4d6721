"""The exported PySpark jobs, run on Spark in local mode, against the engine.

`dataplay export etl --as pyspark` and `dataplay export glue` write jobs; this
runs them with `spark-submit` (pyspark from PyPI, the machine's Java) on the
same files the engine reads and compares every output table, column for
column and row for row: the retail ETL on generated data, on the golden
edge cases and on Parquet sources; its data-quality gate (same observed
numbers as the engine's quality.json, nothing written on failure); the
media Glue jobs over a lake directory (flattened JSON, partitioned Parquet);
and both kinds of job with hostile texts in every user field (labels,
categories, check names, days, a job's name and columns, string literals in
its SQL): the same tables, the texts as data, and nothing of them run as
Python or SQL.

usage: python spark_export.py DATAPLAY_BINARY SPARK_VENV
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import pandas as pd

sys.path.insert(0, os.path.dirname(__file__))
import etl_golden  # noqa: E402
from etl_golden import FROM, TO, assert_same, edge_cases, read_output  # noqa: E402

CLI = None
SPARK = None
KEYS = {
    "fact_sales": ["transaction_id", "product_id", "quantity", "unit_price", "discount_amount"],
    "fact_inventory_movements": ["movement_id"],
    "dim_customers": ["customer_id"],
}


# The file a hostile text creates if the job runs it as Python.
PWNED = os.path.join(tempfile.gettempdir(), f"dataplay-pwned-{os.getpid()}")


def hostile_texts():
    """Texts that are Python, SQL or template syntax if pasted as code (the
    first four of each eight become segment labels: the ones most likely to
    break out of the job's docstring)."""
    return [
        f'"""; open({PWNED!r}, "w")#',
        f"\nopen({PWNED!r}, 'w')\n",
        f"\'\'\'; open({PWNED!r}, 'w')#",
        f"\r\nopen({PWNED!r}, 'w')  # crlf",
        "O'Brien's \"gold\"",
        "'; DROP TABLE canary; --",
        "$$ $check$ $dp$",
        "Khách hàng Vàng",
        "ends in a backslash\\",
        "\\N{x} \\u0041 \\x41 \\' \\\\",
        "@@SQL@@ @@SEGMENTS@@ @@NAME@@",
        "{} {name} {0!r} %s %(x)s ${env:HOME} ${spark.app.name} ${system:user.name}",
        "🥇 sep\u2028line\u2029para",
        "`back`tick` \"\"\"",
        "x\\'' , 1) --",
        "-- comment */ /* open",
    ]


DEFAULT_LABELS = ["Bronze", "Silver", "Gold", "Platinum"]
DEFAULT_MAPPING = [["SALE", "Outbound"], ["RETURN", "Inbound"], ["RESTOCK", "Inbound"],
                   ["ADJUSTMENT", "Adjustment"], ["TRANSFER_IN", "Inbound"], ["TRANSFER_OUT", "Outbound"],
                   ["DAMAGED", "Outbound"], ["EXPIRED", "Outbound"]]


def dataplay(*args, ok=True):
    r = subprocess.run([CLI, *args], capture_output=True, text=True)
    if ok and r.returncode != 0:
        raise AssertionError(f"dataplay {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


def spark_submit(job, *args):
    env = dict(os.environ, PATH=f"{SPARK}/bin:{os.environ['PATH']}", PYSPARK_PYTHON=f"{SPARK}/bin/python")
    return subprocess.run(
        [f"{SPARK}/bin/spark-submit", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
         "--driver-memory", "2g", job, *args],
        capture_output=True, text=True, env=env, timeout=900, cwd=os.path.dirname(os.path.abspath(job)))


def sort(frame, keys):
    return frame.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)


def read_spark(directory, table):
    frame = pd.read_parquet(f"{directory}/{table}")
    for column in frame.columns:
        if frame[column].dtype == object:
            # Spark's DATE columns arrive as datetime.date: compare them as the engine writes them.
            frame[column] = [None if v is None else str(v) for v in frame[column]]
    return frame


class SparkExport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="dataplay-spark-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def etl_matches(self, source, name, extra=()):
        ours, theirs, job = f"{self.tmp}/{name}-engine", f"{self.tmp}/{name}-spark", f"{self.tmp}/{name}.py"
        dataplay("etl", "--source", source, "--out", ours, "--from", FROM, "--to", TO, "--no-checks", *extra)
        dataplay("export", "etl", "--as", "pyspark", "--from", FROM, "--to", TO, "--no-checks", *extra, "-o", job)
        r = spark_submit(job, "--source", source, "--out", theirs)
        self.assertEqual(r.returncode, 0, f"spark-submit failed:\n{r.stderr[-3000:]}")
        self.same_tables(name, ours, theirs)
        return r

    def same_tables(self, name, ours, theirs, rename=None):
        """The engine's CSVs and Spark's Parquet hold the same rows; `rename`
        (column -> Spark's text -> the engine's) maps texts back first."""
        for table, keys in KEYS.items():
            engine = sort(read_output(ours, table), keys)
            spark = read_spark(theirs, table)
            for column, texts in (rename or {}).items():
                if column in spark.columns:
                    spark[column] = [texts.get(v, v) for v in spark[column]]
            spark = sort(spark, keys)
            self.assertGreater(len(engine), 0, f"{name}/{table}: the engine wrote no rows")
            self.assertEqual(sorted(engine.columns), sorted(spark.columns), f"{name}/{table}: columns")
            spark = spark[engine.columns.tolist()]
            for column in engine.columns:
                # The job reads CSV columns it does not compute as text (no type
                # guessing: phone numbers keep their leading zeros), so a
                # passed-through true/false stays text; it is written the same.
                textual = spark[column].dtype == object or pd.api.types.is_string_dtype(spark[column])
                texts = set(spark[column].dropna()) if textual else set()
                if texts and texts <= {"true", "false"}:
                    spark[column] = spark[column].map({"true": True, "false": False})
            assert_same(self, f"{name}/{table}", engine, spark)

    def test_hostile_texts_are_data_in_the_etl_job(self):
        source = f"{self.tmp}/hostile"
        dataplay("sample", "--out", source, "--size", "4000", "--seed", "13")
        ours = f"{self.tmp}/hostile-engine"
        dataplay("etl", "--source", source, "--out", ours, "--from", FROM, "--to", TO, "--no-checks")
        texts = hostile_texts()
        for round, start in enumerate(range(0, len(texts), 8)):
            chunk = texts[start:start + 8]
            labels, categories = chunk[:4], chunk  # eight texts: one for each movement type
            mapping = [[t, c] for (t, _), c in zip(DEFAULT_MAPPING, categories)]
            mapping += [[t, t] for t in chunk]  # hostile movement types match nothing
            # Each text names a check: passing `fail` ones, and `warn` ones that pass or fail.
            rules = [{"rule": "min_rows_per_day", "min": 0, "severity": "fail"},
                     {"rule": "max_nulls", "columns": ["product_id"], "max": 1e12, "severity": "warn"},
                     {"rule": "min_revenue_per_day", "min": 1e300, "severity": "warn"}]
            checks = [dict(rules[i % 3], name=name) for i, name in enumerate(chunk)]
            params = {"from": f"{FROM} \n{chunk[0]}", "to": f"{TO}T{chunk[1]}", "margin": 0.4,
                      "segment_edges": [0.0, 1_000_000.0, 5_000_000.0, 20_000_000.0], "segment_labels": labels,
                      "movement_mapping": mapping, "checks": checks, "run_checks": True}
            params_file, job = f"{self.tmp}/hostile-{round}.json", f"{self.tmp}/hostile-{round}.py"
            with open(params_file, "w", encoding="utf-8") as f:
                json.dump(params, f)
            dataplay("export", "etl", "--as", "pyspark", "--params", params_file, "-o", job)
            theirs = f"{self.tmp}/hostile-{round}-spark"
            r = spark_submit(job, "--source", source, "--out", theirs)
            self.assertFalse(os.path.exists(PWNED), f"round {round}: the job ran a hostile text as Python")
            self.assertEqual(r.returncode, 0, f"round {round}: spark-submit failed:\n{r.stderr[-3000:]}")
            for name in chunk:
                shown = name.replace("\r\n", "\n")  # stdout is read with universal newlines
                self.assertIn(f"] {shown}: observed ", r.stdout, f"round {round}: check {name!r} not reported")
            rename = {"customer_segment": dict(zip(labels, DEFAULT_LABELS)),
                      "movement_category": {c: d for (_, d), c in zip(DEFAULT_MAPPING, categories)}}
            self.same_tables(f"hostile-{round}", ours, theirs, rename)
            segments = set(read_spark(theirs, "fact_sales")["customer_segment"].dropna())
            self.assertTrue(segments & set(labels), f"round {round}: no hostile label in {segments}")

    def test_hostile_texts_are_data_in_a_glue_job(self):
        lake, spark_lake = f"{self.tmp}/hostile-lake", f"{self.tmp}/hostile-spark-lake"
        dataplay("lake", "--lake", lake, "sample", "--events", "1000")
        shutil.copytree(lake, spark_lake)
        texts = hostile_texts()
        # Column names from the texts; a literal whose backslashes Spark
        # would read as escapes; a filter whose literal ends in a backslash.
        # (Not `""` or `\\"` in a name: the engine's own SQL session reads
        # those back wrong, a defect of its own; Spark gets every text.)
        def column(t):
            return t.replace('"', "'") if '""' in t or '\\"' in t else t
        derived = [[f"c{i} {column(t)}", "'it''s \\b \\u0041 $$ \"\"\" %s {x} ${env:HOME} ' || \"category\""]
                   for i, t in enumerate(texts)]
        derived.append(["views", '"analytics.views"'])
        job = {
            "name": "\n".join(texts),
            "source": "raw/video_metadata",
            "filter": "\"category\" <> 'x\\' AND \"category\" <> 'y'",
            "derive": derived,
            "select": ["video_id", "category"] + [n for n, _ in derived],
            "target": "curated/hostile",
            "partition_by": ["category"],
        }
        job_file, path = f"{self.tmp}/hostile-glue.json", f"{self.tmp}/hostile-glue.py"
        with open(job_file, "w", encoding="utf-8") as f:
            json.dump(job, f)
        dataplay("lake", "--lake", lake, "glue", "--job", job_file)
        dataplay("export", "glue", "--job", job_file, "-o", path)
        r = spark_submit(path, "--lake", spark_lake)
        self.assertFalse(os.path.exists(PWNED), "the Glue job ran a hostile text as Python")
        self.assertEqual(r.returncode, 0, f"spark-submit failed:\n{r.stderr[-3000:]}")
        self.assertIn(f"{job['name']}: ".replace("\r\n", "\n"), r.stdout)
        engine = sort(pd.read_parquet(f"{lake}/curated/hostile"), ["video_id"])
        spark = sort(pd.read_parquet(f"{spark_lake}/curated/hostile"), ["video_id"])
        self.assertGreater(len(engine), 0, "the engine wrote no rows")
        for frame in (engine, spark):
            frame["category"] = frame["category"].astype(str)
        self.assertEqual(sorted(engine.columns), sorted(spark.columns), "columns")
        assert_same(self, "hostile glue", engine, spark[engine.columns.tolist()])
        self.assertTrue(engine[derived[0][0]].str.startswith("it's \\b \\u0041 $$ \"\"\"").all())

    def test_generated_retail_data(self):
        source = f"{self.tmp}/generated"
        dataplay("sample", "--out", source, "--size", "20000", "--seed", "11")
        self.etl_matches(source, "generated")

    def test_edge_cases_and_another_margin(self):
        source = f"{self.tmp}/edges"
        edge_cases(source)
        self.etl_matches(source, "edges", ("--margin", "0.25"))

    def test_parquet_sources(self):
        source = f"{self.tmp}/parquet"
        dataplay("sample", "--out", source, "--size", "5000", "--seed", "3", "--format", "parquet")
        self.etl_matches(source, "parquet")

    def test_failing_check_stops_the_job_with_the_engines_numbers(self):
        source = f"{self.tmp}/small"
        dataplay("sample", "--out", source, "--size", "3000", "--seed", "5")
        ours, theirs, job = f"{self.tmp}/small-engine", f"{self.tmp}/small-spark", f"{self.tmp}/small.py"
        r = dataplay("etl", "--source", source, "--out", ours, "--from", FROM, "--to", TO, ok=False)
        self.assertNotEqual(r.returncode, 0, "the seed's checks should fail on 3,000 items")
        with open(f"{ours}/quality.json") as f:
            quality = {c["name"]: c for c in json.load(f)["checks"]}
        dataplay("export", "etl", "--as", "pyspark", "--from", FROM, "--to", TO, "-o", job)
        r = spark_submit(job, "--source", source, "--out", theirs)
        self.assertNotEqual(r.returncode, 0, "the job must stop on a failing check")
        self.assertIn("data-quality check failed", r.stdout + r.stderr)
        self.assertFalse(os.path.exists(f"{theirs}/fact_sales"), "nothing may be written after a failed check")
        for name, check in quality.items():
            line = next((l for l in r.stdout.splitlines() if f"] {name}: observed " in l), None)
            self.assertIsNotNone(line, f"{name} not reported by the job:\n{r.stdout}")
            observed = float(line.split("observed ")[1].split(",")[0])
            self.assertAlmostEqual(observed, check["observed"], places=2, msg=name)
            self.assertEqual(line.startswith("[ok  ]"), check["status"] == "pass", f"{name}: {line}")

    def test_glue_jobs_over_a_lake_directory(self):
        lake, spark_lake = f"{self.tmp}/lake", f"{self.tmp}/spark-lake"
        dataplay("lake", "--lake", lake, "sample", "--events", "4000")
        shutil.copytree(lake, spark_lake)
        dataplay("lake", "--lake", lake, "glue")
        for job, target, keys in (("video_stats", "curated/video_analytics", ["video_id"]),
                                  ("user_behavior", "curated/user_behavior", ["user_id", "video_id"])):
            path = f"{self.tmp}/{job}.py"
            dataplay("export", "glue", "--job", job, "-o", path)
            r = spark_submit(path, "--lake", spark_lake)
            self.assertEqual(r.returncode, 0, f"{job}: spark-submit failed:\n{r.stderr[-3000:]}")
            engine = sort(pd.read_parquet(f"{lake}/{target}"), keys)
            spark = sort(pd.read_parquet(f"{spark_lake}/{target}"), keys)
            self.assertGreater(len(engine), 0, f"{job}: the engine wrote no rows")
            for frame in (engine, spark):
                for column in frame.columns:
                    if isinstance(frame[column].dtype, pd.CategoricalDtype):
                        frame[column] = frame[column].astype(str)  # partition columns
            self.assertEqual(sorted(engine.columns), sorted(spark.columns), f"{job}: columns")
            assert_same(self, job, engine, spark[engine.columns.tolist()])


if __name__ == "__main__":
    CLI, SPARK = sys.argv[1], sys.argv[2]
    etl_golden.CLI = CLI
    unittest.main(argv=sys.argv[:1] + sys.argv[3:], verbosity=2)
