# The Lake & Warehouse page: filling the lake, the Glue-style jobs, the SQL
# console, the comparison, the declared tables, the connector's lake.

## The page
lake-title = Lake & Warehouse
lake-waiting = Waiting for the engine…
lake-intro = The course's media company: raw JSON and JSONL land in the lake as they are, Glue-style jobs flatten and aggregate them into curated Parquet, SQL reads the lake directly (schema-on-read) or the warehouse after COPY (schema-on-write).
lake-files = The lake ({ $files } files, { $size })
lake-empty = Empty: load the media sample.
lake-results = Results and tables

## Filling the lake
lake-events = Interaction events
lake-load-sample = Load the media sample into the lake
lake-ingest-into = Or ingest your own files (CSV, JSON, JSONL, Parquet, kept as they are) into
lake-ingest-day = for day

## The lake's files and what a query read
lake-tree-dataset = { $dataset }/ — { $files } files, { $size }
lake-scan = { $table }: { $scanned } files scanned, { $skipped } skipped — { $size }, { $rows } rows
lake-scan-pruned = { $table }: { $scanned } files scanned, { $skipped } skipped by { $filter } — { $size }, { $rows } rows
lake-scan-columns-skipped = ; columns left out (the query does not name them): { $columns }

## Glue-style jobs
lake-glue-title = Glue-style jobs
lake-glue-help = Each job is data: edit its JSON (source, filter, derived columns, grouping, aggregates, target, partitions) and run it. Nested JSON fields are flattened to "parent.child" columns.
lake-glue-report = { $job }: { $rows_in } rows in → { $rows_out } rows out, { $columns } columns ({ $names }); wrote { $files } Parquet file(s)
lake-glue-sql = SQL the job ran
lake-glue-run = Run { $job }
lake-glue-export = Export as PySpark (.py)
lake-glue-export-help = The job as a PySpark script over a lake root (spark-submit job.py --lake DIR)
lake-glue-json-error = job JSON, line { $line }, column { $column }: { $detail }
lake-glue-edit = Edit the job's JSON
lake-glue-json-label = { $job } as JSON
lake-glue-reset = Reset to the default job
lake-glue-not-run = Not run yet.

## The SQL console
lake-sql-over-lake = over the lake (Athena: schema-on-read, partitions pruned)
lake-sql-in-warehouse = in the warehouse (Redshift: CREATE TABLE, COPY, INSERT … SELECT, SELECT)
lake-sql-tables = Tables: { $tables }, and every other dataset of the lake by its name
lake-sql-run = Run
lake-step-columns = { $columns } columns
lake-step-accepted = accepted
lake-step-rejected = rejected of { $rows }
lake-step-rows = { $rows } rows: { $columns }
lake-editor-keys = Ctrl+Enter (⌘+Enter) runs · Tab indents · Esc, then Tab, leaves the editor
lake-missing-job = The Glue job { $job } writes { $path }: run it, then run the script again.

## Why COPY rejects rows
lake-lesson-title = Why the warehouse refuses rows: that is the lesson
lake-lesson-copy = COPY { $table } refused { $rejected } of { $rows } rows ({ $share } %) that the lake holds under { $path }.
lake-lesson-write = Schema-on-write: the warehouse declared each column's type before any row arrived, and checks every row against it as it loads. A value that does not fit the declared type is refused and logged in stl_load_errors, so every query later reads only rows that fit.
lake-lesson-read = Schema-on-read: the lake took the very same rows as they came, with no check. Each query over the lake reads them with its own schema, and must itself deal with what does not fit.
lake-lesson-decimal = DECIMAL(5,4) has 5 digits, 4 of them after the decimal point, so it holds values from -9.9999 to 9.9999. An engagement score of 10 or more (likes and shares at least ten times the plays) does not fit, and neither does the score of a row with no plays to divide by: COPY rejects those rows.

## Lake against warehouse
lake-cmp-title = Lake vs warehouse, measured
lake-cmp-aspect = Aspect
lake-cmp-lake = Data Lake
lake-cmp-warehouse = Data Warehouse
lake-cmp-schema = Schema
lake-cmp-schema-lake = Schema-on-read: inferred from the files when a query runs
lake-cmp-schema-warehouse = Schema-on-write: { $tables } declared tables; rows that do not fit are rejected at load
lake-cmp-types = Data types
lake-cmp-types-lake = All formats, kept native: { $formats }
lake-cmp-types-warehouse = Structured only: typed columns, NOT NULL, keys
lake-cmp-processing = Processing
lake-cmp-processing-lake = ELT: raw kept, transformed by jobs and queries later
lake-cmp-processing-warehouse = ETL: curated data COPYed in, checked on the way
lake-cmp-stored = Stored
lake-cmp-stored-warehouse = { $size } ({ $rows } rows)
lake-cmp-rows = Rows accepted / rejected
lake-cmp-rows-lake = every row is read; nothing is rejected (and nothing is checked)
lake-cmp-rows-warehouse = { $accepted } accepted, { $rejected } rejected (see stl_load_errors)
lake-cmp-time = Query time
lake-cmp-time-last = { $time } for the last query ({ $rows } rows)
lake-cmp-time-none = run a query to measure
lake-cmp-pruning = { $scanned } files scanned, { $skipped } skipped

## Declared tables
lake-declared-title = Declared tables
lake-declared-table = { $rows } rows, { $rejected } rejected, { $size }
lake-declared-slices = rows per slice on a 4-slice cluster
lake-declared-slice = slice { $slice }: { $rows }

## The connector's lake
lake-connector-title = Your lake (connector)
lake-connector-intro = The same zones and partitioned paths on S3 or a directory, through the native connector:
lake-connector-intro-end = . The S3 keys stay with the connector; paste the token from its token file here.
lake-connector-no-lake = This connector has no lake: start it with --lake s3://bucket/prefix (keys from AWS_*) or --lake DIR.
lake-connector-every-zone = every zone
lake-connector-list = List the lake
lake-connector-summary = { $files } files, { $size }
lake-connector-run = Query the connector's lake
lake-connector-rows = { $rows } rows
lake-connector-rows-some = { $rows } rows (the first { $shown } shown)

## Why the warehouse rejected rows, and what a table's keys do, from the engine's codes
# $column: a column (or the primary key's columns); $declared: its declared type.
reject-not_valid = { $column } is not a valid { $declared }
reject-null_in_not_null = { $column } is NULL but the column is NOT NULL
reject-too_long = { $column } is longer than VARCHAR({ $max })
reject-does_not_fit = { $column } does not fit { $declared }
reject-missing_not_null = { $column } is missing from the source and NOT NULL
reject-duplicate_key = { $column } duplicates the primary key of a row already in the table
# $column: the distribution key; $columns: the sort key; $first: its first column.
explain-dist_key = DISTKEY ({ $column }): rows with the same { $column } are stored on the same slice, so joins and GROUP BY on { $column } run without moving rows between nodes; a skewed { $column } makes one slice do most of the work.
explain-dist_all = DISTSTYLE ALL: every node keeps a full copy — right for small dimensions joined to large facts, costly for large or often-loaded tables.
explain-dist_even = DISTSTYLE EVEN: rows are dealt round-robin; even storage, but joins move rows.
explain-dist_auto = DISTSTYLE AUTO: the warehouse picks (ALL while small, EVEN as it grows).
explain-sort_key = SORTKEY ({ $columns }): rows are kept sorted by these columns, so a filter on { $first } reads only the blocks whose min/max can match (zone maps).
