"""Golden test: `dataplay sql` over lake files against DuckDB on the same files.

The media sample (the seed's section 24: video metadata JSON, interaction
JSONL) is laid out as a lake — interactions under Hive `year=/month=/day=`
directories, videos as one JSON file and as Parquet — and the same queries
run in both engines: aggregates, struct fields of nested JSON, percentiles,
DATE_TRUNC, a running window, partition columns from the path. Partition
pruning must skip exactly the directories the filter excludes; the seed's
Athena query must fail on its missing column with a clear message.

usage: python sql_golden.py DATAPLAY_BINARY
"""
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import duckdb
import numpy as np
import pandas as pd

CLI = None


def dataplay(*args, ok=True):
    r = subprocess.run([CLI, *args], capture_output=True, text=True)
    if ok and r.returncode != 0:
        raise AssertionError(f"dataplay {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


def assert_frames(test, ours, theirs, what):
    test.assertEqual(list(ours.columns), list(theirs.columns), f"{what}: columns")
    test.assertEqual(len(ours), len(theirs), f"{what}: rows")
    test.assertGreater(len(ours), 0, f"{what}: the query returns rows")
    for column in theirs.columns:
        a, b = ours[column].reset_index(drop=True), theirs[column].reset_index(drop=True)
        if pd.api.types.is_numeric_dtype(b) and not pd.api.types.is_bool_dtype(b):
            a = pd.to_numeric(a, errors="raise").astype(float)
            b = b.astype(float)
            np.testing.assert_allclose(a.to_numpy(), b.to_numpy(), rtol=1e-9, equal_nan=True,
                                       err_msg=f"{what}.{column}")
        else:
            if pd.api.types.is_datetime64_any_dtype(b):
                # DuckDB reads ISO timestamps in JSON as TIMESTAMP; dataplay keeps the text.
                a = pd.to_datetime(a, utc=True).dt.tz_localize(None)
                b = pd.to_datetime(b)
            a = a.astype(str).where(a.notna(), None).tolist()
            b = b.astype(str).where(b.notna(), None).tolist()
            bad = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), None)
            test.assertIsNone(bad, f"{what}.{column}: row {bad}: {a[bad] if bad is not None else ''!r} "
                                   f"!= {b[bad] if bad is not None else ''!r}")


class LakeSql(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="dataplay-sql-golden-")
        sample = f"{cls.tmp}/sample"
        dataplay("sample", "--kind", "media", "--out", sample, "--size", "4000", "--seed", "11")
        cls.ui = f"{cls.tmp}/lake/raw/user_interactions"
        cls.partitions = set()
        with open(f"{sample}/user_interactions.jsonl", encoding="utf-8") as f:
            for line in f:
                event = json.loads(line)
                y, m, d = event["timestamp"][:4], event["timestamp"][5:7], event["timestamp"][8:10]
                directory = f"{cls.ui}/year={y}/month={m}/day={d}"
                os.makedirs(directory, exist_ok=True)
                cls.partitions.add((int(y), int(m), int(d)))
                with open(f"{directory}/events.jsonl", "a", encoding="utf-8") as out:
                    out.write(json.dumps(event, ensure_ascii=False) + "\n")
        cls.videos = f"{sample}/video_metadata.json"
        cls.videos_parquet = f"{cls.tmp}/video_metadata.parquet"
        duckdb.sql(f"COPY (SELECT * FROM read_json_auto('{cls.videos}')) TO '{cls.videos_parquet}' (FORMAT parquet)")
        cls.duck = duckdb.connect()
        cls.duck.sql(f"CREATE VIEW ui AS SELECT * FROM read_json_auto('{cls.ui}/**/*.jsonl', hive_partitioning = true, "
                     "hive_types = {'year': BIGINT, 'month': BIGINT, 'day': BIGINT})")
        cls.duck.sql(f"CREATE VIEW v AS SELECT * FROM read_json_auto('{cls.videos}')")
        cls.duck.sql(f"CREATE VIEW vp AS SELECT * FROM read_parquet('{cls.videos_parquet}')")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def ours(self, query, *extra):
        r = dataplay("sql", "--table", f"ui={self.ui}", "--table", f"v={self.videos}",
                     "--table", f"vp={self.videos_parquet}", *extra, query)
        return pd.read_csv(io.StringIO(r.stdout)), r.stderr

    def same(self, query):
        ours, _ = self.ours(query)
        theirs = self.duck.sql(query).df()
        assert_frames(self, ours, theirs, query[:60])
        return ours

    def test_aggregates_over_partitioned_jsonl(self):
        self.same("SELECT event_type, COUNT(*) AS n, AVG(position_seconds) AS avg_pos, "
                  "MAX(position_seconds) AS max_pos FROM ui GROUP BY event_type ORDER BY event_type")
        # The seed's Glue aggregation, per user and video.
        self.same("SELECT user_id, video_id, COUNT(*) AS interaction_count, "
                  "MAX(position_seconds) AS max_watch_position FROM ui "
                  "GROUP BY user_id, video_id ORDER BY user_id, video_id")

    def test_partition_columns_come_from_the_path_and_prune_files(self):
        query = ("SELECT day, COUNT(*) AS events FROM ui WHERE month = 1 AND day BETWEEN 5 AND 9 "
                 "GROUP BY day ORDER BY day")
        self.same(query)
        _, stats = self.ours(query, "--stats")
        keep = sum(1 for (_, m, d) in self.partitions if m == 1 and 5 <= d <= 9)
        self.assertIn(f"ui: {keep} files scanned, {len(self.partitions) - keep} skipped by month = 1 AND day BETWEEN 5 AND 9",
                      stats)
        # A filter that also names a data column still prunes by its partition part.
        _, stats = self.ours("SELECT COUNT(*) AS n FROM ui WHERE day = 3 AND event_type = 'like'", "--stats")
        self.assertIn(f"{len(self.partitions) - sum(1 for p in self.partitions if p[2] == 3)} skipped", stats)

    def test_nested_json_struct_fields(self):
        self.same("SELECT device_info.type AS device, COUNT(*) AS n FROM ui "
                  "GROUP BY device_info.type ORDER BY device")
        self.same("SELECT category, SUM(analytics.views) AS views, SUM(analytics.likes) AS likes "
                  "FROM v GROUP BY category ORDER BY category")

    def test_power_is_a_double(self):
        # Integer powers that overflow a 64-bit integer (polars raised them
        # as integers and overflowed); DuckDB's POWER is DOUBLE.
        self.same("SELECT video_id, POWER(10, 20) AS big, POWER(duration_seconds, 3) AS cube, "
                  "POW(2, -1) AS half FROM v ORDER BY video_id")

    def test_percentiles_date_trunc_and_parquet(self):
        self.same("SELECT category, COUNT(*) AS videos, "
                  "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY duration_seconds) AS median_duration "
                  "FROM vp GROUP BY category ORDER BY category")
        # Grouped by a computed key, by position and by alias.
        self.same("SELECT DATE_TRUNC('day', CAST(upload_timestamp AS TIMESTAMP)) AS day, "
                  "COUNT(*) AS videos FROM v GROUP BY 1 ORDER BY 1")
        self.same("SELECT DATE_TRUNC('week', CAST(upload_timestamp AS TIMESTAMP)) AS week, "
                  "category, SUM(analytics.views) AS views FROM v GROUP BY week, category ORDER BY week, category")

    def test_running_window_per_partition(self):
        self.same("SELECT user_id, timestamp, "
                  "SUM(position_seconds) OVER (PARTITION BY user_id ORDER BY timestamp) AS running "
                  "FROM ui ORDER BY user_id, timestamp, running")

    def test_the_seeds_array_agg_of_structs(self):
        # The seed's Athena query keeps each day's viral videos as an array of
        # structs; CSV carries nested cells as JSON text. (DuckDB spells STRUCT
        # of columns struct_pack; ARRAY_AGG's order is compared as a set.)
        query = ("SELECT DATE_TRUNC('day', CAST(upload_timestamp AS TIMESTAMP)) AS date, COUNT(*) AS videos, "
                 "ARRAY_AGG(CASE WHEN analytics.views > 100000 THEN {} END) AS viral_videos "
                 "FROM v GROUP BY 1 ORDER BY date DESC")
        ours, _ = self.ours(query.format("STRUCT(video_id, title, analytics.views)"))
        theirs = self.duck.sql(query.format(
            "struct_pack(video_id := video_id, title := title, views := analytics.views)")).fetchall()
        self.assertEqual(len(ours), len(theirs))
        key = lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)
        viral = 0
        for (date, videos, mine), (d, n, their) in zip(ours.itertuples(index=False), theirs):
            self.assertEqual((str(date), int(videos)), (str(d), n))
            mine = json.loads(mine)
            self.assertEqual(sorted(map(key, mine)), sorted(map(key, their)), str(d))
            viral += sum(1 for v in mine if v is not None)
        self.assertGreater(viral, 0, "some videos have over 100,000 views")
        r = dataplay("sql", "--table", f"v={self.videos}", "SELECT STRUCT(video_id AS id) AS s FROM v", ok=False)
        self.assertIn("STRUCT's fields are named after their columns", r.stderr)

    def test_errors_are_clear(self):
        # The seed's Athena query names upload_date, which the table lacks.
        r = dataplay("sql", "--table", f"video_analytics={self.videos}",
                     "SELECT DATE_TRUNC('day', upload_date) AS date, COUNT(*) AS videos_uploaded "
                     "FROM video_analytics WHERE upload_date >= DATE '2024-01-01' GROUP BY 1", ok=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn('unable to find column "upload_date"', r.stderr)
        self.assertIn("upload_timestamp", r.stderr, "the message lists the columns there are")
        r = dataplay("sql", "--table", f"v={self.videos}", "SELECT LAG(title) OVER (ORDER BY title) FROM v", ok=False)
        self.assertIn("LAG(…) OVER (… ORDER BY …) is not supported", r.stderr)
        r = dataplay("sql", "--table", f"v={self.videos}", "SELEC 1", ok=False)
        self.assertIn("SQL syntax error at line 1", r.stderr)
        r = dataplay("sql", "--table", f"v={self.tmp}/nowhere", "SELECT 1", ok=False)
        self.assertIn("no such file or directory", r.stderr)
        self.assertEqual(r.stdout, "")


if __name__ == "__main__":
    CLI = sys.argv.pop(1)
    unittest.main(verbosity=2)
