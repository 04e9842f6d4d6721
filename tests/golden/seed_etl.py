"""The seed's retail ETL (section 23 of the reference material), in pandas.

`transform_sales_data` and `transform_inventory_data` are the seed's code,
unchanged but for `self`. The extracts replace its MySQL queries with pandas
merges that have the same meaning (inner joins, the same filters), so the
pipeline runs on files. Used by the golden test (etl_golden.py) and by the
benchmark (bench_etl.py) as the named peer.
"""
import pandas as pd

SOURCE_TABLES = ["transactions", "transaction_items", "products",
                 "inventory_movements", "product_inventory", "customers"]

SALES_COLUMNS = [
    "transaction_id", "store_id", "register_id", "cashier_id", "customer_id",
    "transaction_date", "transaction_time", "product_id", "quantity", "unit_price",
    "discount_amount", "tax_amount", "line_total", "product_name", "category_id", "brand_id",
]
INVENTORY_COLUMNS = [
    "movement_id", "product_id", "store_id", "movement_type", "quantity_change",
    "movement_date", "reason_code", "reference_number", "current_stock",
    "reorder_level", "max_stock_level",
]
CUSTOMER_COLUMNS = [
    "customer_id", "first_name", "last_name", "email", "phone", "birth_date", "gender",
    "registration_date", "loyalty_tier", "preferred_store_id", "marketing_consent",
]


def read_sources(directory):
    """The six source tables from CSV files, as pd.read_sql would type them."""
    read = lambda name, **kw: pd.read_csv(f"{directory}/{name}.csv", **kw)
    return {
        "transactions": read("transactions", dtype={"transaction_date": str, "transaction_time": str}),
        "transaction_items": read("transaction_items"),
        "products": read("products"),
        "inventory_movements": read("inventory_movements").assign(
            movement_date=lambda f: pd.to_datetime(f["movement_date"], format="ISO8601")),
        "product_inventory": read("product_inventory"),
        "customers": read("customers", dtype={"phone": str}),
    }


def extract_pos_data(src, start_date, end_date):
    t = src["transactions"]
    t = t[(t["transaction_date"] >= start_date) & (t["transaction_date"] <= end_date)
          & (t["status"] == "completed")]
    ti = src["transaction_items"]
    p = src["products"][["product_id", "product_name", "category_id", "brand_id"]]
    joined = ti.merge(t.drop(columns=["status"]), on="transaction_id").merge(p, on="product_id")
    return joined[SALES_COLUMNS].reset_index(drop=True)


def extract_inventory_data(src, start_date, end_date):
    im = src["inventory_movements"]
    day = im["movement_date"].dt.strftime("%Y-%m-%d")
    im = im[(day >= start_date) & (day <= end_date)]
    p = src["product_inventory"]
    joined = im.merge(p, on=["product_id", "store_id"])
    return joined[INVENTORY_COLUMNS].reset_index(drop=True)


def extract_customer_data(src):
    c = src["customers"]
    return c[c["status"] == "active"][CUSTOMER_COLUMNS].reset_index(drop=True)


# --- the seed's code from here (section 23, RetailETLPipeline) ---

def transform_sales_data(pos_data):
    """Transform and enrich sales data"""
    # Data cleaning
    pos_data = pos_data.dropna(subset=['transaction_id', 'product_id'])
    pos_data = pos_data[pos_data['quantity'] > 0]
    pos_data = pos_data[pos_data['unit_price'] >= 0]

    # Create datetime column
    pos_data['transaction_datetime'] = pd.to_datetime(
        pos_data['transaction_date'].astype(str) + ' ' +
        pos_data['transaction_time'].astype(str)
    )

    # Add time dimensions
    pos_data['year'] = pos_data['transaction_datetime'].dt.year
    pos_data['month'] = pos_data['transaction_datetime'].dt.month
    pos_data['quarter'] = pos_data['transaction_datetime'].dt.quarter
    pos_data['day_of_week'] = pos_data['transaction_datetime'].dt.dayofweek
    pos_data['hour'] = pos_data['transaction_datetime'].dt.hour
    pos_data['is_weekend'] = pos_data['day_of_week'].isin([5, 6])

    # Business calculations
    pos_data['gross_sales'] = pos_data['quantity'] * pos_data['unit_price']
    pos_data['net_sales'] = pos_data['gross_sales'] - pos_data['discount_amount']
    pos_data['total_sales'] = pos_data['net_sales'] + pos_data['tax_amount']

    # Profit margin calculation (simplified)
    pos_data['estimated_cost'] = pos_data['unit_price'] * 0.6  # 40% margin assumption
    pos_data['estimated_profit'] = pos_data['net_sales'] - (pos_data['quantity'] * pos_data['estimated_cost'])

    # Customer segmentation
    customer_stats = pos_data.groupby('customer_id').agg({
        'total_sales': 'sum',
        'transaction_id': 'nunique'
    }).reset_index()

    customer_stats['avg_transaction_value'] = customer_stats['total_sales'] / customer_stats['transaction_id']
    customer_stats['customer_segment'] = pd.cut(
        customer_stats['total_sales'],
        bins=[0, 1000000, 5000000, 20000000, float('inf')],
        labels=['Bronze', 'Silver', 'Gold', 'Platinum']
    )

    # Merge back customer segments
    pos_data = pos_data.merge(
        customer_stats[['customer_id', 'customer_segment']],
        on='customer_id',
        how='left'
    )

    return pos_data


def transform_inventory_data(inventory_data):
    """Transform inventory data"""
    # Categorize movement types
    movement_mapping = {
        'SALE': 'Outbound',
        'RETURN': 'Inbound',
        'RESTOCK': 'Inbound',
        'ADJUSTMENT': 'Adjustment',
        'TRANSFER_IN': 'Inbound',
        'TRANSFER_OUT': 'Outbound',
        'DAMAGED': 'Outbound',
        'EXPIRED': 'Outbound'
    }

    inventory_data['movement_category'] = inventory_data['movement_type'].map(movement_mapping)

    # Calculate stock levels after each movement
    inventory_data = inventory_data.sort_values(['product_id', 'store_id', 'movement_date'])
    inventory_data['running_stock'] = inventory_data.groupby(['product_id', 'store_id'])['quantity_change'].cumsum()

    # Flag potential stockouts
    inventory_data['potential_stockout'] = inventory_data['current_stock'] <= inventory_data['reorder_level']
    inventory_data['overstock'] = inventory_data['current_stock'] >= inventory_data['max_stock_level']

    return inventory_data

# --- end of the seed's code ---


def quality(fact_sales, start_date, end_date):
    """The seed's three check queries, per day: (min rows, min revenue, null rows)."""
    day = fact_sales["transaction_datetime"].dt.strftime("%Y-%m-%d")
    days = pd.date_range(start_date, end_date).strftime("%Y-%m-%d")
    rows = day.value_counts().reindex(days, fill_value=0)
    revenue = fact_sales.groupby(day)["total_sales"].sum().reindex(days, fill_value=0.0)
    in_range = day.isin(days)
    nulls = (in_range & (fact_sales["product_id"].isna() | fact_sales["customer_id"].isna())).sum()
    return int(rows.min()), float(revenue.min()), int(nulls)


def run(directory, start_date, end_date):
    src = read_sources(directory)
    sales = transform_sales_data(extract_pos_data(src, start_date, end_date))
    inventory = transform_inventory_data(extract_inventory_data(src, start_date, end_date))
    customers = extract_customer_data(src)
    return {"fact_sales": sales, "fact_inventory_movements": inventory, "dim_customers": customers}
