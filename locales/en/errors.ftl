# Errors the engine reports, by code (dataplay_api::Fault). Arguments are
# the fault's fields; lists arrive joined with ", ".

format-name = { $format ->
        [csv] CSV
        [json] JSON
        [jsonl] JSONL
       *[parquet] Parquet
    }
parquet-part = { $part ->
        [schema] schema
       *[arrow_schema] Arrow schema
    }
value-kind = { $kind ->
        [whole_number] a whole number
        [number] a number
        [text] text
        [date] a date (YYYY-MM-DD)
        [time] a time (HH:MM:SS)
        [date_time] a date and time
       *[date_or_time] a date or time
    }

fault-quote_never_closed = this quoted field is never closed
fault-field_count = this row has { $found } fields, the first row has { $expected }
fault-csv_record = { $detail }
fault-unreadable = could not read as { format-name }: { $detail }
fault-reader_failed = the { format-name } reader failed on damaged data ({ $detail }); the file is damaged or was not written as { format-name }
fault-not_text = this is not a text file (it holds NUL bytes); if it is UTF-16 without a byte-order mark, choose UTF-16 as the encoding
fault-bad_encoding = the bytes here are not valid { $encoding }
fault-not_utf8 = byte { $byte } is not valid UTF-8; if the file was saved as Windows-1252 or Windows-1258 (Vietnamese), choose that encoding
fault-nested_too_deep = a row nests arrays and objects more than { $limit } levels deep here; dataplay reads at most { $limit } levels
fault-number_too_big = the whole number { $number } does not fit in 64 bits; write it as a string ("{ $number }") to read it as text
fault-json_syntax = invalid JSON: { $detail }
fault-element_not_object = element { $element } of the top-level array is not an object: each row must be an object
fault-top_level_not_objects = expected an object or an array of objects at the top level
fault-line_not_object = each line must hold one JSON object
fault-not_parquet = not a Parquet file (it does not start with PAR1)
fault-parquet_truncated = the Parquet file is truncated (its footer is missing); was the upload or copy cut short?
fault-parquet_footer = could not read the Parquet footer: { $detail }
fault-parquet_footer_corrupt = the Parquet footer is corrupt: { $detail }
fault-parquet_corrupt = the Parquet file is corrupt: { $detail }
fault-parquet_too_deep = the Parquet file's { parquet-part } nests more than { $limit } levels deep; dataplay reads at most { $limit }
fault-parquet_duplicate = the Parquet file's { parquet-part } has two fields named '{ $name }' in one group
fault-parquet_too_wide = the Parquet file's { parquet-part } declares more than { $limit } columns; dataplay reads at most { $limit }
fault-no_column = no column named '{ $column }' (the table has: { $have })
fault-no_such_column = no column named '{ $column }'
fault-cannot_read_value = column '{ $column }', row { $row }: cannot read '{ $value }' as { value-kind }
fault-cannot_read_column = column '{ $column }' cannot be read as { value-kind }
fault-too_many_rows = more than 4 billion rows
fault-reserved_column = a column is named '{ $column }', which ELT reserves
fault-source_missing = missing: load a file of that name (or the retail sample) first
fault-not_extracted = not given to the extract
fault-not_created = the SQL did not create { $table }
fault-key_width = a key needs 1 to { $max } columns
fault-null_key = row { $row }: the key ({ $key }) has a null
fault-staged_columns = the staged columns ({ $staged }) differ from the table's ({ $table })
fault-staged_type = column '{ $column }' is { $staged } in staging but { $table } in the table
fault-not_a_date = { $field } '{ $value }' is not YYYY-MM-DD
fault-range_reversed = from { $from } is after to { $to }
fault-range_too_long = the range is longer than { $years } years
fault-margin_range = margin { $margin } is not between 0 and 1
fault-segment_edges = segment edges must be finite and increasing
fault-segment_labels = { $edges } segment edges need { $edges } labels, got { $labels }
fault-threshold = its threshold { $value } is not a finite number
fault-nul_text = { $field ->
        [segment_label] a segment label
        [movement_type] a movement type
        [movement_category] a movement category
        [check_name] a check's name
       *[check_column] a check's column
    } holds a NUL character, which PostgreSQL cannot store: "{ $text }"
fault-lake_path = not a lake path: { $why ->
        [control_character] it holds a control character
        [leaves_the_lake] '.' and '..' segments lead outside the lake
        [encoded_slash] a backslash or an encoded slash inside a segment
        [no_zone] it must start with a zone ({ $zones })
        [no_dataset_or_file] it needs a dataset and a file name
       *[empty_segment] empty, '.' or '..' segments
    }
fault-lake_dataset_name = a dataset is one name of letters, digits, '_', '-' or '.' (no slashes, spaces or other signs)
fault-ingest_dataset_name = a dataset name is letters, digits, _ and -
fault-not_a_file_name = not a file name
fault-not_in_lake = missing from the lake
fault-not_a_workspace = not a dataplay workspace file, or a damaged one: { $detail }
fault-lake_fetch = { $detail }
fault-no_files = the dataset has no files
fault-no_files_under = no files under { $source_path }
fault-column_type_changed = column '{ $column }' is { $here } here but { $before } in the files before
fault-ingest_day = ingest day '{ $day }' is not YYYY-MM-DD
fault-no_aggregate = grouping needs at least one aggregate
fault-partition_not_in_output = partition column '{ $column }' is not in the output
fault-expression_comment = { $field }: not one SQL expression (a comment): { $expression }
fault-not_an_expression = { $field }: not one SQL expression ({ $detail }): { $expression }
fault-lake_json = { $detail }
fault-sql_engine = { $detail }
fault-internal = { $step }: { $detail }
fault-about = { $subject }: { $fault }
fault-create_needs_select = CREATE TABLE { $table } needs AS SELECT …; the columns come from the query
fault-table_exists = table { $table } already exists (CREATE OR REPLACE TABLE replaces it)
fault-insert_needs_rows = INSERT INTO { $table } needs SELECT … or VALUES …
fault-no_table = no table named { $table }
fault-statement_unsupported = { $statement } is not supported; statements: SELECT, CREATE TABLE … AS SELECT, INSERT INTO … SELECT, DROP TABLE
fault-insert_width = INSERT INTO { $table }: { $expected } target columns but the query gives { $given }
fault-insert_table_width = INSERT INTO { $table }: the table has { $expected } columns, the query gives { $given }
fault-insert_cast = INSERT INTO { $table }: column { $column } is { $column_type }, the query gives { $given } values that do not convert
fault-last_not_query = the script's last statement is not a query
fault-no_statement = the script has no statement
fault-insert_no_column = INSERT INTO { $table }: no column named { $column }
fault-struct_fields = STRUCT's fields are named after their columns: write STRUCT(a, b), not typed or `AS` fields
fault-struct_duplicate = STRUCT has two fields named { $field }: its fields are named after their columns
fault-power_arguments = POWER takes a base and an exponent: POWER(x, 2)
fault-date_trunc_arguments = DATE_TRUNC takes a unit and a date or timestamp: DATE_TRUNC('day', ts)
fault-subquery_argument = { $function }: a subquery as argument is not supported
fault-window_clauses = { $function }: DISTINCT or clauses inside a window function are not supported
fault-named_arguments = { $function }: named or qualified arguments are not supported
fault-within_group_fraction = { $function }(p) WITHIN GROUP (ORDER BY x) takes one fraction p
fault-within_group_order = { $function }: WITHIN GROUP orders by exactly one expression
fault-percentile_arguments = { $function } takes a column and a fraction: { $function }(x, 0.9)
fault-named_window = named windows are not supported
fault-window_filter = { $function }(…) FILTER over a window is not supported
fault-ordered_window = { $function }(…) OVER (… ORDER BY …) is not supported; ordered windows support SUM, COUNT and ROW_NUMBER (a window without ORDER BY supports every aggregate)
fault-window_frame = { $function }: only the frames ROWS/RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW are supported
fault-sql_parser = { $detail }
fault-script_syntax = syntax: { $detail }
fault-copy_table = COPY needs a table: COPY table FROM 'path'
fault-copy_no_files = COPY { $table }: no files under { $path } in the lake{ $writer ->
        [glue_job] ; the Glue job { $job } writes them: run it first
       *[unknown] {""}
    }
fault-expected_insert = expected INSERT INTO table SELECT …
fault-insert_no_source = INSERT needs SELECT … or VALUES …
fault-insert_undeclared = INSERT INTO { $table }: declare it first with CREATE TABLE
fault-insert_columns = INSERT INTO { $table }: { $detail }
fault-not_declared = no declared table { $table } (CREATE TABLE it first)
fault-copy_syntax = COPY table FROM 'path' …
fault-copy_path = COPY … FROM needs a quoted path
fault-etl_table_name = { $table } is an ETL table of the warehouse; pick another name
fault-decimal_precision = { $column }: DECIMAL precision must be 1–38 and scale ≤ precision
fault-type_unsupported = { $column }: type { $sql_type } is not supported
fault-key_parenthesis = expected ( after DISTKEY/SORTKEY
fault-dist_style_missing = DISTSTYLE needs a style
fault-dist_key_missing = DISTKEY needs a column
fault-sort_key_missing = SORTKEY needs columns
fault-dist_style = DISTSTYLE is ALL, EVEN, KEY or AUTO
fault-dist_key_columns = DISTKEY takes one column
fault-one_create_table = expected one CREATE TABLE
fault-key_not_column = key column { $column } is not a column of { $table }
fault-dist_key_not_column = DISTKEY column { $column } is not a column of { $table }
fault-no_columns = CREATE TABLE { $table } declares no columns
fault-not_one_query = expected one query, got: { $sql }
fault-unclosed = { $function }( is not closed
fault-no_spark_window = { $function }(…) OVER (…) has no Spark equivalent here
fault-unsafe_literal = a literal Spark cannot be given safely: { $literal }
fault-nested_json = a nested value as JSON: { $detail }
fault-write_failed = writing: { $detail }
