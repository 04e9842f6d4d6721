//! The seed's retail chain (section 23): POS and inventory source tables with
//! the columns of its extraction SQL, in VND, over Q1 2024. Deliberate edge
//! cases are mixed in at low rates so the ETL's cleaning has work to do:
//! walk-in sales without a customer, items without a product, refunds
//! (negative quantity), zero quantities, negative prices, discounts larger
//! than the sale, cancelled/refunded/pending orders, unknown movement types,
//! Vietnamese names with commas and quotes, and stock rows missing for a few
//! (product, store) pairs.

use polars_core::prelude::{Column, DataFrame, DataType, NamedFrom, Series, TimeUnit};

use crate::base::rng::Rng;
use crate::error::{EngineError, Result};

/// Days from 1970-01-01 to 2024-01-01 (a Monday).
pub const START_DAY: i32 = 19_723;
/// Q1 2024 has 91 days.
pub const DAYS: i32 = 91;
pub const STORES: i64 = 12;

const FIRST_NAMES: [&str; 12] = [
    "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Minh", "Ngọc", "Phương", "Thảo",
];
const LAST_NAMES: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
];
const PRODUCTS: [&str; 16] = [
    "Cà phê sữa đá",
    "Bánh mì, pate",
    "Nước mắm \"Phú Quốc\"",
    "Gạo ST25",
    "Trà xanh",
    "Sữa tươi",
    "Mì gói",
    "Dầu ăn",
    "Bột giặt",
    "Nồi cơm điện",
    "Quạt máy",
    "Áo thun",
    "Dép lào",
    "Kem đánh răng",
    "Bia, lon 330ml",
    "Tivi 43\"",
];
/// The seed's movement types, plus one it does not map.
const MOVEMENTS: [(&str, u64); 9] = [
    ("SALE", 500),
    ("RESTOCK", 200),
    ("RETURN", 80),
    ("ADJUSTMENT", 70),
    ("TRANSFER_IN", 50),
    ("TRANSFER_OUT", 50),
    ("DAMAGED", 20),
    ("EXPIRED", 20),
    ("LOST", 10),
];

/// How many rows of each table a sample of `items` transaction items has.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub items: u64,
    pub transactions: u64,
    pub products: u64,
    pub customers: u64,
    pub movements: u64,
}

impl Sizes {
    pub fn for_items(items: u64) -> Sizes {
        let items = items.max(10);
        Sizes {
            items,
            transactions: (items * 2 / 5).max(1),
            products: (items / 100).clamp(50, 2_000),
            customers: (items / 25).clamp(20, 40_000),
            movements: (items / 5).max(10),
        }
    }
}

pub fn tables(seed: u64, items: u64) -> Result<Vec<(String, DataFrame)>> {
    let sizes = Sizes::for_items(items);
    let products = products(seed, sizes)?;
    let prices = list_prices(seed, sizes);
    Ok(vec![
        ("transactions".into(), transactions(seed, sizes)?),
        ("transaction_items".into(), transaction_items(seed, sizes, &prices)?),
        ("products".into(), products),
        ("inventory_movements".into(), inventory_movements(seed, sizes)?),
        ("product_inventory".into(), product_inventory(seed, sizes)?),
        ("customers".into(), customers(seed, sizes)?),
    ])
}

fn frame(columns: Vec<Column>) -> Result<DataFrame> {
    DataFrame::new(columns).map_err(|e| EngineError::polars("building a sample table", e))
}

fn dates(name: &str, days: Vec<Option<i32>>) -> Result<Column> {
    Series::new(name.into(), days)
        .cast(&DataType::Date)
        .map(Column::from)
        .map_err(|e| EngineError::polars("building a date column", e))
}

fn col<T, P: ?Sized>(name: &str, values: T) -> Column
where
    Series: NamedFrom<T, P>,
{
    Column::from(Series::new(name.into(), values))
}

/// List price per product id (index 0 = product 1), in VND, multiples of 1 000.
fn list_prices(seed: u64, sizes: Sizes) -> Vec<i64> {
    let mut rng = Rng::fork(seed, "list_prices");
    (0..sizes.products)
        .map(|_| {
            let tier = rng.weighted(&[(10i64, 50), (50, 30), (300, 15), (2_000, 5)]);
            rng.range(1, *tier) * 1_000
        })
        .collect()
}

fn products(seed: u64, sizes: Sizes) -> Result<DataFrame> {
    let mut rng = Rng::fork(seed, "products");
    let n = sizes.products;
    let mut name = Vec::with_capacity(n as usize);
    let mut category = Vec::with_capacity(n as usize);
    let mut brand = Vec::with_capacity(n as usize);
    for i in 0..n {
        let base = PRODUCTS[(i % PRODUCTS.len() as u64) as usize];
        name.push(if i < PRODUCTS.len() as u64 {
            base.to_string()
        } else {
            format!("{base} #{}", i + 1)
        });
        category.push(rng.range(1, 15));
        brand.push(rng.range(1, 40));
    }
    frame(vec![
        col("product_id", (1..=n as i64).collect::<Vec<i64>>()),
        col("product_name", name),
        col("category_id", category),
        col("brand_id", brand),
        col("list_price", list_prices(seed, sizes)),
    ])
}

fn customers(seed: u64, sizes: Sizes) -> Result<DataFrame> {
    let mut rng = Rng::fork(seed, "customers");
    let n = sizes.customers as usize;
    let mut first = Vec::with_capacity(n);
    let mut last = Vec::with_capacity(n);
    let mut email = Vec::with_capacity(n);
    let mut phone = Vec::with_capacity(n);
    let mut birth = Vec::with_capacity(n);
    let mut gender: Vec<Option<&str>> = Vec::with_capacity(n);
    let mut registered = Vec::with_capacity(n);
    let mut tier = Vec::with_capacity(n);
    let mut store = Vec::with_capacity(n);
    let mut consent = Vec::with_capacity(n);
    let mut status = Vec::with_capacity(n);
    for i in 0..n {
        let f = *rng.pick(&FIRST_NAMES);
        let l = *rng.pick(&LAST_NAMES);
        first.push(f.to_string());
        last.push(l.to_string());
        email.push(if rng.chance(30) {
            None
        } else {
            Some(format!("customer{}@example.vn", i + 1))
        });
        // Leading zero: a phone number is text, not a number.
        phone.push(format!("09{:08}", rng.below(100_000_000)));
        birth.push(Some(START_DAY - rng.range(18 * 365, 75 * 365) as i32));
        gender.push(*rng.weighted(&[(Some("F"), 48), (Some("M"), 48), (None, 4)]));
        registered.push(Some(START_DAY - rng.range(0, 5 * 365) as i32));
        tier.push(*rng.weighted(&[("Member", 60), ("Silver", 25), ("Gold", 12), ("Diamond", 3)]));
        store.push(rng.range(1, STORES));
        consent.push(rng.chance(600));
        status.push(*rng.weighted(&[("active", 90), ("inactive", 8), ("suspended", 2)]));
    }
    frame(vec![
        col("customer_id", (1..=n as i64).collect::<Vec<i64>>()),
        col("first_name", first),
        col("last_name", last),
        col("email", email),
        col("phone", phone),
        dates("birth_date", birth)?,
        col("gender", gender),
        dates("registration_date", registered)?,
        col("loyalty_tier", tier),
        col("preferred_store_id", store),
        col("marketing_consent", consent),
        col("status", status),
    ])
}

fn transactions(seed: u64, sizes: Sizes) -> Result<DataFrame> {
    let mut rng = Rng::fork(seed, "transactions");
    let n = sizes.transactions as usize;
    let mut store = Vec::with_capacity(n);
    let mut register = Vec::with_capacity(n);
    let mut cashier = Vec::with_capacity(n);
    let mut customer = Vec::with_capacity(n);
    let mut day = Vec::with_capacity(n);
    let mut time = Vec::with_capacity(n);
    let mut status = Vec::with_capacity(n);
    for i in 0..n as u64 {
        let s = rng.range(1, STORES);
        store.push(s);
        register.push(s * 100 + rng.range(1, 6));
        cashier.push(s * 1_000 + rng.range(1, 25));
        // 15% walk-in customers without a loyalty card.
        customer.push(if rng.chance(150) {
            None
        } else {
            Some(rng.skewed(sizes.customers) as i64 + 1)
        });
        // Transactions arrive in date order, as a POS export would.
        day.push(Some(START_DAY + (i * DAYS as u64 / sizes.transactions) as i32));
        let hour = *rng.weighted(&[
            (7, 4),
            (8, 6),
            (9, 6),
            (10, 7),
            (11, 9),
            (12, 10),
            (13, 7),
            (14, 5),
            (15, 5),
            (16, 6),
            (17, 9),
            (18, 11),
            (19, 10),
            (20, 8),
            (21, 5),
            (22, 2),
        ]);
        time.push(format!("{hour:02}:{:02}:{:02}", rng.below(60), rng.below(60)));
        status.push(*rng.weighted(&[("completed", 920), ("cancelled", 40), ("refunded", 30), ("pending", 10)]));
    }
    frame(vec![
        col("transaction_id", (1..=n as i64).collect::<Vec<i64>>()),
        col("store_id", store),
        col("register_id", register),
        col("cashier_id", cashier),
        col("customer_id", customer),
        dates("transaction_date", day)?,
        col("transaction_time", time),
        col("status", status),
    ])
}

fn transaction_items(seed: u64, sizes: Sizes, prices: &[i64]) -> Result<DataFrame> {
    let mut rng = Rng::fork(seed, "transaction_items");
    let n = sizes.items as usize;
    let mut transaction = Vec::with_capacity(n);
    let mut product = Vec::with_capacity(n);
    let mut quantity = Vec::with_capacity(n);
    let mut unit_price = Vec::with_capacity(n);
    let mut discount = Vec::with_capacity(n);
    let mut tax = Vec::with_capacity(n);
    let mut line_total = Vec::with_capacity(n);
    for i in 0..sizes.items {
        transaction.push((i * sizes.transactions / sizes.items) as i64 + 1);
        let p = rng.skewed(sizes.products);
        product.push(if rng.chance(2) { None } else { Some(p as i64 + 1) });
        let q = if rng.chance(5) {
            -rng.range(1, 2) // refund line
        } else if rng.chance(2) {
            0
        } else {
            *rng.weighted(&[(1i64, 60), (2, 25), (3, 10), (5, 4), (10, 1)])
        };
        let price = if rng.chance(1) { -1_000 } else { prices[p as usize] };
        let gross = q * price;
        let d = if rng.chance(3) {
            gross.abs() + 10_000 // a discount larger than the sale
        } else if rng.chance(200) {
            gross.max(0) * rng.range(5, 30) / 100 / 100 * 100
        } else {
            0
        };
        let t = (gross - d) / 10; // 10% VAT
        quantity.push(q);
        unit_price.push(price as f64);
        discount.push(d as f64);
        tax.push(t as f64);
        line_total.push((gross - d + t) as f64);
    }
    frame(vec![
        col("transaction_id", transaction),
        col("product_id", product),
        col("quantity", quantity),
        col("unit_price", unit_price),
        col("discount_amount", discount),
        col("tax_amount", tax),
        col("line_total", line_total),
    ])
}

/// Whether store `s` stocks product `p` (a few pairs are missing on purpose,
/// so the inventory join drops their movements).
fn stocked(seed: u64, product: i64, store: i64) -> bool {
    let mut rng = Rng::fork(seed ^ ((product as u64) << 8) ^ store as u64, "stocked");
    !rng.chance(20)
}

fn inventory_movements(seed: u64, sizes: Sizes) -> Result<DataFrame> {
    let mut rng = Rng::fork(seed, "inventory_movements");
    let n = sizes.movements as usize;
    let mut product = Vec::with_capacity(n);
    let mut store = Vec::with_capacity(n);
    let mut kind = Vec::with_capacity(n);
    let mut change = Vec::with_capacity(n);
    let mut at = Vec::with_capacity(n);
    let mut reason: Vec<Option<String>> = Vec::with_capacity(n);
    let mut reference = Vec::with_capacity(n);
    let span_ms = i64::from(DAYS) * 86_400_000;
    for i in 0..sizes.movements {
        product.push(rng.skewed(sizes.products) as i64 + 1);
        store.push(rng.range(1, STORES));
        let k = *rng.weighted(&MOVEMENTS);
        let size = rng.range(1, 20);
        let q = match k {
            "SALE" | "TRANSFER_OUT" | "DAMAGED" | "EXPIRED" | "LOST" => -size,
            "ADJUSTMENT" => size - 10,
            _ => size * 3,
        };
        kind.push(k);
        change.push(q);
        // Millisecond timestamps in order, with a little jitter.
        let base = i64::from(START_DAY) * 86_400_000 + (i as i64) * span_ms / sizes.movements as i64;
        at.push(base + rng.range(0, 999));
        reason.push(if rng.chance(300) {
            None
        } else {
            Some(format!("R{:02}", rng.range(1, 9)))
        });
        let prefix = if k == "RESTOCK" { "PO" } else { "MV" };
        reference.push(format!("{prefix}-2024-{:06}", i + 1));
    }
    let at = Series::new("movement_date".into(), at)
        .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
        .map_err(|e| EngineError::polars("building movement_date", e))?;
    frame(vec![
        col("movement_id", (1..=n as i64).collect::<Vec<i64>>()),
        col("product_id", product),
        col("store_id", store),
        col("movement_type", kind),
        col("quantity_change", change),
        Column::from(at),
        col("reason_code", reason),
        col("reference_number", reference),
    ])
}

fn product_inventory(seed: u64, sizes: Sizes) -> Result<DataFrame> {
    let mut rng = Rng::fork(seed, "product_inventory");
    let mut product = Vec::new();
    let mut store = Vec::new();
    let mut current = Vec::new();
    let mut reorder = Vec::new();
    let mut max = Vec::new();
    for p in 1..=sizes.products as i64 {
        for s in 1..=STORES {
            if !stocked(seed, p, s) {
                continue;
            }
            let r = rng.range(5, 30);
            let m = r * rng.range(5, 12);
            product.push(p);
            store.push(s);
            reorder.push(r);
            max.push(m);
            // Some at or below reorder level, some at or above max.
            let low = rng.range(0, r);
            let normal = rng.range(r + 1, (m - 1).max(r + 1));
            current.push(*rng.weighted(&[(low, 15), (normal, 75), (m + 5, 10)]));
        }
    }
    frame(vec![
        col("product_id", product),
        col("store_id", store),
        col("current_stock", current),
        col("reorder_level", reorder),
        col("max_stock_level", max),
    ])
}
