-- The seed's retail pipeline (section 23) as DuckDB SQL: the ELT shape of
-- what dataplay's engine does, run by DuckDB-WASM as the in-browser peer of
-- the ETL benchmark. Same range, margin, bins and movement mapping.
CREATE TABLE pos AS
SELECT t.transaction_id, t.store_id, t.register_id, t.cashier_id, t.customer_id,
       t.transaction_date, t.transaction_time, ti.product_id, ti.quantity, ti.unit_price,
       ti.discount_amount, ti.tax_amount, ti.line_total, p.product_name, p.category_id, p.brand_id
FROM transactions t
JOIN transaction_items ti ON t.transaction_id = ti.transaction_id
JOIN products p ON ti.product_id = p.product_id
WHERE t.transaction_date BETWEEN DATE '2024-01-01' AND DATE '2024-03-31'
  AND t.status = 'completed';

CREATE TABLE sales_clean AS
SELECT *, transaction_date + transaction_time AS transaction_datetime
FROM pos
WHERE transaction_id IS NOT NULL AND product_id IS NOT NULL AND quantity > 0 AND unit_price >= 0;

CREATE TABLE sales_derived AS
SELECT *,
       year(transaction_datetime) AS year,
       month(transaction_datetime) AS month,
       quarter(transaction_datetime) AS quarter,
       isodow(transaction_datetime) - 1 AS day_of_week,
       hour(transaction_datetime) AS hour,
       isodow(transaction_datetime) >= 6 AS is_weekend,
       quantity * unit_price AS gross_sales,
       quantity * unit_price - discount_amount AS net_sales,
       quantity * unit_price - discount_amount + tax_amount AS total_sales,
       unit_price * 0.6 AS estimated_cost,
       (quantity * unit_price - discount_amount) - quantity * (unit_price * 0.6) AS estimated_profit
FROM sales_clean;

CREATE TABLE fact_sales AS
WITH stats AS (
  SELECT customer_id, sum(total_sales) AS total, count(DISTINCT transaction_id) AS transactions
  FROM sales_derived WHERE customer_id IS NOT NULL GROUP BY customer_id
)
SELECT d.*,
       CASE WHEN s.total > 20000000 THEN 'Platinum'
            WHEN s.total > 5000000 THEN 'Gold'
            WHEN s.total > 1000000 THEN 'Silver'
            WHEN s.total > 0 THEN 'Bronze' END AS customer_segment
FROM sales_derived d LEFT JOIN stats s ON d.customer_id = s.customer_id;

CREATE TABLE fact_inventory_movements AS
SELECT im.movement_id, im.product_id, im.store_id, im.movement_type, im.quantity_change,
       im.movement_date, im.reason_code, im.reference_number,
       p.current_stock, p.reorder_level, p.max_stock_level,
       CASE im.movement_type
            WHEN 'SALE' THEN 'Outbound' WHEN 'RETURN' THEN 'Inbound' WHEN 'RESTOCK' THEN 'Inbound'
            WHEN 'ADJUSTMENT' THEN 'Adjustment' WHEN 'TRANSFER_IN' THEN 'Inbound'
            WHEN 'TRANSFER_OUT' THEN 'Outbound' WHEN 'DAMAGED' THEN 'Outbound' WHEN 'EXPIRED' THEN 'Outbound'
       END AS movement_category,
       sum(im.quantity_change) OVER (PARTITION BY im.product_id, im.store_id ORDER BY im.movement_date
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_stock,
       p.current_stock <= p.reorder_level AS potential_stockout,
       p.current_stock >= p.max_stock_level AS overstock
FROM inventory_movements im
JOIN product_inventory p ON im.product_id = p.product_id AND im.store_id = p.store_id
WHERE CAST(im.movement_date AS DATE) BETWEEN DATE '2024-01-01' AND DATE '2024-03-31'
ORDER BY im.product_id, im.store_id, im.movement_date;

CREATE TABLE dim_customers AS
SELECT customer_id, first_name, last_name, email, phone, birth_date, gender, registration_date,
       loyalty_tier, preferred_store_id, marketing_consent
FROM customers WHERE status = 'active';
