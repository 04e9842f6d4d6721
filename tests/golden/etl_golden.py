"""Golden test: `dataplay etl` against the seed's pandas code on the same files.

Runs on generated retail data (nulls, refunds, cancelled orders, quoted and
Vietnamese text, unknown movement types, negative totals are all in it) and on
a small hand-made set of edge cases (segment boundaries, a product twice in
one transaction, a customer whose total is negative). Every output table must
match the seed's column for column, row for row; the quality report's numbers
must match the seed's check queries; Parquet sources must give the same
tables as CSV ones.

usage: python etl_golden.py DATAPLAY_BINARY
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(__file__))
import seed_etl  # noqa: E402

CLI = None
FROM, TO = "2024-01-01", "2024-03-31"


def dataplay(*args, ok=True):
    r = subprocess.run([CLI, *args], capture_output=True, text=True)
    if ok and r.returncode != 0:
        raise AssertionError(f"dataplay {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


def read_output(directory, name):
    return pd.read_csv(f"{directory}/{name}.csv", dtype={"phone": str, "transaction_time": str,
                                                         "transaction_date": str, "birth_date": str,
                                                         "registration_date": str})


def assert_same(test, name, ours, seed):
    test.assertEqual(list(ours.columns), list(seed.columns), f"{name}: columns")
    test.assertEqual(len(ours), len(seed), f"{name}: rows")
    seed = seed.reset_index(drop=True)
    for column in seed.columns:
        a, b = ours[column], seed[column]
        where = f"{name}.{column}"
        if pd.api.types.is_datetime64_any_dtype(b):
            a = pd.to_datetime(a, format="ISO8601")
            test.assertTrue((a.isna() == b.isna()).all(), f"{where}: nulls differ")
            test.assertTrue((a[b.notna()] == b[b.notna()]).all(), f"{where}: values differ")
        elif pd.api.types.is_bool_dtype(b):
            test.assertEqual(a.astype(bool).tolist(), b.tolist(), f"{where}")
        elif pd.api.types.is_numeric_dtype(b) and not isinstance(b.dtype, pd.CategoricalDtype):
            bad = ~np.isclose(a.astype(float), b.astype(float), rtol=1e-9, atol=1e-6, equal_nan=True)
            test.assertFalse(bad.any(), f"{where}: first difference at row {np.argmax(bad)}: "
                             f"{a[bad].head(3).tolist()} vs {b[bad].head(3).tolist()}")
        else:
            sa = [None if pd.isna(v) else str(v) for v in a]
            sb = [None if pd.isna(v) else str(v) for v in b]
            diff = [(i, x, y) for i, (x, y) in enumerate(zip(sa, sb)) if x != y]
            test.assertEqual(diff[:3], [], f"{where}: values differ")


def edge_cases(directory):
    """A handful of rows chosen to sit on the rules' edges."""
    os.makedirs(directory, exist_ok=True)
    pd.DataFrame({
        "transaction_id": [1, 2, 3, 4, 5, 6, 7],
        "store_id": [1, 1, 2, 2, 3, 3, 3],
        "register_id": [101, 101, 201, 201, 301, 301, 301],
        "cashier_id": [1001, 1001, 2001, 2001, 3001, 3001, 3001],
        "customer_id": [10, 10, 11, None, 12, 13, 14],
        "transaction_date": ["2024-01-06", "2024-01-07", "2024-01-08", "2024-01-08", "2023-12-31",
                             "2024-01-09", "2024-01-09"],
        "transaction_time": ["23:59:59", "00:00:00", "12:30:00", "09:00:00", "10:00:00", "10:00:00",
                             "18:45:10"],
        "status": ["completed", "completed", "completed", "completed", "completed", "cancelled",
                   "completed"],
    }).to_csv(f"{directory}/transactions.csv", index=False)
    pd.DataFrame({
        # Customer 10 totals exactly 1,000,000 (Bronze: bins are right-closed);
        # 11 has a product twice in one transaction; 14's discount exceeds the sale.
        "transaction_id": [1, 2, 3, 3, 4, 5, 6, 7, 7, 99],
        "product_id": [1, 1, 2, 2, 1, 1, 1, 2, None, 1],
        "quantity": [2, 1, 1, 1, 3, 1, 1, 1, 1, 1],
        "unit_price": [300000.0, 400000.0, 2000000.0, 2000000.0, 1000.0, 5.0, 5.0, 100.0, 1.0, 1.0],
        "discount_amount": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 50000.0, 0.0, 0.0],
        "tax_amount": [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        "line_total": [600000.0, 400000.0, 2000001.0, 2000001.0, 3000.0, 5.0, 5.0, -49900.0, 1.0, 1.0],
    }).to_csv(f"{directory}/transaction_items.csv", index=False)
    pd.DataFrame({
        "product_id": [1, 2],
        "product_name": ['Nước mắm "Phú Quốc", 500ml', "Bánh mì, pate"],
        "category_id": [1, 2],
        "brand_id": [7, 8],
        "list_price": [300000, 2500000],
    }).to_csv(f"{directory}/products.csv", index=False)
    pd.DataFrame({
        "movement_id": [1, 2, 3, 4, 5, 6],
        "product_id": [1, 1, 1, 2, 2, 9],
        "store_id": [1, 1, 1, 1, 1, 1],
        "movement_type": ["RESTOCK", "SALE", "LOST", "ADJUSTMENT", "TRANSFER_OUT", "SALE"],
        "quantity_change": [50, -5, -1, 3, -2, -1],
        "movement_date": ["2024-01-02 08:00:00", "2024-01-01 09:00:00", "2024-01-03 10:00:00",
                          "2024-01-02 11:00:00", "2024-04-01 00:00:00", "2024-01-02 00:00:00"],
        "reason_code": ["R01", None, "R02", "R03", "R04", "R05"],
        "reference_number": ["PO-1", "MV-2", "MV-3", "MV-4", "MV-5", "MV-6"],
    }).to_csv(f"{directory}/inventory_movements.csv", index=False)
    pd.DataFrame({
        "product_id": [1, 2], "store_id": [1, 1], "current_stock": [10, 200],
        "reorder_level": [10, 5], "max_stock_level": [100, 200],
    }).to_csv(f"{directory}/product_inventory.csv", index=False)
    pd.DataFrame({
        "customer_id": [10, 11, 12, 13, 14],
        "first_name": ["Ngọc", "Dũng", "An", "Hà", "Lan"],
        "last_name": ["Nguyễn", "Trần", "Lê", "Phạm", "Võ"],
        "email": [f"c{i}@example.vn" for i in range(5)],
        "phone": ["0901", "0902", "0903", "0904", "0905"],
        "birth_date": ["1990-01-01"] * 5,
        "gender": ["F", "M", "M", "F", "F"],
        "registration_date": ["2020-01-01"] * 5,
        "loyalty_tier": ["Gold", "Member", "Member", "Silver", "Member"],
        "preferred_store_id": [1, 2, 3, 3, 3],
        "marketing_consent": [True, False, True, True, False],
        "status": ["active", "active", "inactive", "active", "suspended"],
    }).to_csv(f"{directory}/customers.csv", index=False)


class Golden(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="dataplay-golden-")
        cls.generated = f"{cls.tmp}/generated"
        dataplay("sample", "--out", cls.generated, "--size", "30000", "--seed", "7")
        cls.edges = f"{cls.tmp}/edges"
        edge_cases(cls.edges)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def compare(self, source, start, end):
        """Both modes against the seed: ETL (the engine transforms) and ELT
        (raw tables in the warehouse, transformed there with SQL)."""
        seed = seed_etl.run(source, start, end)
        for mode in ["etl", "elt"]:
            out = f"{self.tmp}/out-{os.path.basename(source)}" + ("" if mode == "etl" else "-elt")
            dataplay("etl", "--source", source, "--out", out, "--from", start, "--to", end, "--no-checks",
                     "--mode", mode)
            for name, frame in seed.items():
                with self.subTest(mode=mode, table=name):
                    assert_same(self, name, read_output(out, name), frame)
        return f"{self.tmp}/out-{os.path.basename(source)}", seed

    def test_generated_data_matches_the_seed(self):
        out, seed = self.compare(self.generated, FROM, TO)
        sales = seed["fact_sales"]
        # The data exercises what it should.
        self.assertTrue(sales["customer_segment"].isna().any())
        self.assertGreater(sales["customer_segment"].nunique(), 2)
        self.assertTrue(seed["fact_inventory_movements"]["movement_category"].isna().any())
        self.assertTrue((sales["net_sales"] < 0).any())

    def test_edge_cases_match_the_seed(self):
        _, seed = self.compare(self.edges, "2024-01-01", "2024-03-31")
        segments = dict(zip(seed["fact_sales"]["customer_id"], seed["fact_sales"]["customer_segment"]))
        self.assertEqual(segments[10], "Bronze")  # exactly 1,000,000
        self.assertEqual(segments[11], "Silver")
        self.assertTrue(pd.isna(segments[14]))  # negative total

    def test_quality_report_matches_the_seed_checks(self):
        out = f"{self.tmp}/checked"
        r = dataplay("etl", "--source", self.generated, "--out", out, "--from", "2024-02-01",
                     "--to", "2024-02-29", ok=False)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("Data Quality Check Failed", r.stderr)
        self.assertFalse(os.path.exists(f"{out}/fact_sales.csv"), "a failed check loads nothing")
        report = json.loads(Path(f"{out}/quality.json").read_text())
        rows, revenue, nulls = seed_etl.quality(
            seed_etl.run(self.generated, "2024-02-01", "2024-02-29")["fact_sales"], "2024-02-01", "2024-02-29")
        observed = {c["name"]: c["observed"] for c in report["checks"]}
        self.assertEqual(observed["Sales Count Check"], rows)
        self.assertAlmostEqual(observed["Revenue Range Check"], revenue, delta=1e-6 * abs(revenue))
        self.assertEqual(observed["Null Check"], nulls)
        self.assertFalse(report["passed"])

    def test_elt_writes_the_same_files_as_etl(self):
        self.compare(self.generated, FROM, TO)
        for name in ["fact_sales", "fact_inventory_movements", "dim_customers"]:
            with self.subTest(table=name):
                a = Path(f"{self.tmp}/out-generated/{name}.csv").read_bytes()
                b = Path(f"{self.tmp}/out-generated-elt/{name}.csv").read_bytes()
                self.assertGreater(len(a), 1000)
                self.assertEqual(a, b, f"{name}.csv: ELT and ETL differ")

    def test_parquet_and_jsonl_sources_give_the_same_tables(self):
        for fmt in ["parquet", "jsonl"]:
            source = f"{self.tmp}/{fmt}"
            dataplay("sample", "--out", source, "--size", "30000", "--seed", "7", "--format", fmt)
            out = f"{self.tmp}/out-{fmt}"
            dataplay("etl", "--source", source, "--out", out, "--from", FROM, "--to", TO, "--no-checks")
            for name in ["fact_sales", "fact_inventory_movements", "dim_customers"]:
                with self.subTest(format=fmt, table=name):
                    a = read_output(f"{self.tmp}/out-generated", name)
                    b = read_output(out, name)
                    assert_same(self, name, b, a)


if __name__ == "__main__":
    CLI = sys.argv.pop(1)
    unittest.main(verbosity=2)
