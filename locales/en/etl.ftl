# The ETL page: the retail pipeline's parameters, what a run did, and the
# connector panel that runs it on real databases.

etl-title = ETL / ELT — the retail chain's daily load
etl-intro = The course's retail pipeline (RetailETLPipeline): extract POS and inventory tables, clean and enrich sales, segment customers, track running stock, check quality, then stage and MERGE into the warehouse. Every step runs in the engine's worker; change a parameter and run again to see what moves.

## Source tables
etl-sources = Source tables
# After the table's name; $rows as the engine counts them, $source where it was read from.
etl-source-present = — { $rows } rows ({ $source })
etl-source-missing = — missing
etl-sources-upload = Upload files named after the missing tables on the Data page, or
etl-sample-items = { $count } items
etl-load-sample = load the retail sample

## Parameters
etl-parameters = Parameters
etl-from = From
etl-to = to
etl-margin = margin %
etl-mode-etl = ETL — extract and transform in the engine, then load
etl-mode-elt = ELT — load the sources raw into the warehouse, transform there with SQL
etl-segment-edges = Segment edges (right-closed)
etl-segment-labels = labels
etl-segments-not-numbers = segment edges: numbers separated by commas
etl-segments-label-count = { $edges } edges need { $edges } labels, not { $labels }
etl-gate = Data-quality gate
etl-gate-check = check
etl-gate-rule = rule
etl-gate-threshold = threshold
etl-gate-on-failure = on failure
etl-rule-rows-per-day = rows per day ≥
etl-rule-revenue-per-day = revenue per day ≥
# $columns: the column names, joined by etl-rule-or.
etl-rule-max-nulls = rows with null { $columns } ≤
etl-rule-or = or
etl-severity-fail = stop the run
etl-severity-warn = warn only
etl-run = Run pipeline
etl-export = Outgrown one machine? Export these parameters as
etl-export-pyspark = a PySpark job (.py)
etl-export-pyspark-title = A spark-submit job: the same stages as Spark SQL, the same checks, over a directory of source files
etl-export-or = or
etl-export-postgres = a PostgreSQL script (.sql)
etl-export-postgres-title = One transaction run inside the PostgreSQL database that holds the source tables: stages, checks, staging and MERGE

## What a run did
# $checks: the failed checks (etl-stopped-check), joined by "; ".
etl-stopped = Data Quality Check Failed — { $mode ->
        [etl] nothing was loaded
       *[elt] nothing was merged into the fact and dimension tables (the raw tables are loaded)
    }. { $checks }
etl-stopped-check = { $name }: got { $observed }, expected { $expected } ({ $detail })
etl-stages = Stages ({ $time })
etl-stage = stage
etl-stage-ran-in = ran in
etl-stage-rows-in = rows in
etl-stage-rows-out = rows out
etl-stage-dropped = dropped, and why
etl-ran-in = { $place ->
        [engine] engine
        [warehouse] warehouse
       *[warehouse_sql] warehouse (SQL)
    }
etl-stage-sql = SQL the warehouse ran for { $stage }
etl-elt-dropped = ELT: the SQL's WHERE and JOIN clauses drop rows without saying which; run in ETL mode for the dropped_rows table with a reason per row.
# Before and after the dropped_rows button.
etl-why-dropped = Why was a row dropped? Open
etl-why-dropped-after = : every row left behind, with its source table, row number, stage and reason.
etl-gate-skipped = Skipped for this run.
etl-check-status = { $status ->
        [pass] pass
        [warn] warn
       *[fail] fail
    }
# $detail: the engine's sentence about the check.
etl-check-observed = observed { $observed } (expected { $expected }) — { $detail }
etl-merge-none = Nothing was loaded: the warehouse keeps its previous version.
etl-merge-title = Load: staging → MERGE (warehouse version { $version })
etl-merge-table = table
etl-merge-key = key
etl-merge-staged = staged
etl-merge-inserted = inserted
etl-merge-updated = updated
etl-merge-unchanged = unchanged
etl-merge-rows-now = rows now
etl-charts = Charts
etl-chart-segments = Customers per segment
etl-chart-segment-revenue = Revenue per segment
etl-chart-hours = Revenue by hour
etl-chart-weekdays = Revenue by weekday
etl-weekday = { $day ->
        [mon] Mon
        [tue] Tue
        [wed] Wed
        [thu] Thu
        [fri] Fri
        [sat] Sat
       *[sun] Sun
    }
etl-chart-stock = Running stock of product { $product } at store { $store }
etl-axis-revenue = { $unit ->
        [thousand] Revenue (total_sales), thousand VND
        [million] Revenue (total_sales), million VND
        [billion] Revenue (total_sales), billion VND
       *[one] Revenue (total_sales), VND
    }
etl-axis-customers = { $unit ->
        [thousand] Customers, thousands
        [million] Customers, millions
        [billion] Customers, billions
       *[one] Customers
    }
etl-axis-stock = { $unit ->
        [thousand] Units in stock, thousands
        [million] Units in stock, millions
        [billion] Units in stock, billions
       *[one] Units in stock
    }
etl-axis-segment = Segment (by the customer's total spend)
etl-axis-hour = Hour of the day
etl-axis-weekday = Day of the week
etl-axis-date = { $day } { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    }
etl-axis-full-date = { $day } { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    } { $year }
etl-axis-dates = Movement date, { $from } – { $to }
etl-legend-stock = Running stock after each movement
etl-legend-reorder = Below the reorder level ({ $level }): stockout risk
etl-legend-max = Above the maximum stock level ({ $level }): overstock
etl-legend-negative = Below zero: returns outweigh sales
etl-segment-none = No segment
etl-segment-none-note = No segment: customers whose total spend is at or below the first segment edge (their returns and discounts cancel what they bought), so no segment takes them.
etl-tables = Tables

## The connector panel
etl-connector-title = Your databases (connector)
# Before and after `dataplay serve`.
etl-connector-intro = Run this pipeline on real PostgreSQL/MySQL sources and a real warehouse with the native connector: start
etl-connector-intro-after = on this machine. The database passwords stay with the connector; paste the token from its token file here.
etl-connector-preview = Preview source table
etl-connector-run = Run on the databases

## Quality checks' results, the stages and the dropped rows, from the engine's codes
# $value: a number as the engine writes it.
bound-at_least = >= { $value }
bound-at_most = <= { $value }
finding-no_days = the range has no days
# $what: rows or revenue; $min, $lowest: numbers; $day: YYYY-MM-DD.
finding-every_day_at_least = every day has at least { $min }; the lowest is { $lowest } on { $day }
finding-days_below = { $below } of { $days } days have { $what ->
        [rows] fewer rows
       *[revenue] less revenue
    } than { $min }; the lowest is { $lowest } on { $day }
# $columns: column names joined by etl-rule-or.
finding-no_nulls = no row has a null in { $columns }
finding-rows_with_nulls = { $rows } rows have a null in { $columns }
sample-column-day = day
sample-column-rows = rows
sample-column-revenue = revenue
sample-column-fact_sales_row = fact_sales row
sample-column-transaction_id = transaction_id
sample-column-product_id = product_id
sample-column-null_in = null in
# The one-click change a failed check offers; $rule: rows, revenue or nulls.
etl-fix-threshold = Set the threshold to { $value } { $rule ->
        [rows] rows per day
        [revenue] revenue per day
       *[nulls] rows with nulls
    }
etl-fix-columns = Check only { $columns } (the columns the transform guarantees)
etl-fix-hint = Change it in the data-quality gate above, or click to apply, then run again.
etl-fix-applied = Applied: run the pipeline again.
etl-about-extract_sales = transactions ⋈ transaction_items ⋈ products, status = 'completed', date in range
etl-about-extract_inventory = inventory_movements ⋈ product_inventory on (product_id, store_id), date in range
etl-about-extract_customers = customers with status = 'active'
etl-about-transform_sales = clean (ids, quantity > 0, unit_price >= 0), time dimensions, sales, cost and profit, customer segments
etl-about-transform_inventory = movement category, running stock per (product, store), stockout and overstock flags
etl-about-quality = data-quality checks on the transformed sales, per day
etl-about-load = stage each table, then MERGE by key into the warehouse (all tables or none)
etl-about-load_raw = load the six source tables as they are into the warehouse (raw_*), typing the columns the SQL reads
# $column: a column name; $status: the status the row had.
drop-null_key = { $column } is null
drop-transaction_status = transaction status is '{ $status }'
drop-transaction_status_null = transaction status is null
drop-transaction_outside_range = transaction date outside the range
drop-no_such_transaction = no such transaction
drop-no_such_product = no such product
drop-movement_date_null = movement_date is null
drop-movement_outside_range = movement date outside the range
drop-product_or_store_null = product_id or store_id is null
drop-no_stock_row = no stock row for (product, store)
drop-customer_status = customer status is '{ $status }'
drop-customer_status_null = customer status is null
drop-quantity_not_positive = quantity is not > 0 (refund, empty or missing)
drop-price_negative_or_missing = unit_price is negative or missing
drop-filtered_by_sql = removed by the SQL's WHERE and JOIN (per-row reasons: ETL mode)
