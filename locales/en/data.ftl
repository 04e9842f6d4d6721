# The Data page (upload, read options, built-in samples) and the components
# it shares: the table browser, the preview grid, the connector's link.

## Upload
data-drop-files = Drop CSV, JSON, JSONL or Parquet files here, or
data-choose-files = choose files
data-empty = No tables yet: drop a file or load a sample.
data-workspace-kept = Your files, samples, lake and warehouse are kept in this browser and come back on your next visit.
data-workspace-not-kept = This browser cannot keep your tables between visits (a private window?): they last until you close the page.
data-workspace-reset = Reset workspace
data-workspace-reset-confirm = Remove every table and everything this browser kept?
data-workspace-reset-yes = Yes, reset
data-workspace-reset-no = Cancel
data-workspace-saving = Saving…
data-workspace-export = Export workspace
data-workspace-import = Import workspace…
data-workspace-import-confirm = Replace your workspace with the one in { $file }? The tables, the lake and the warehouse you have now are replaced by those in the file.
data-workspace-import-yes = Yes, import
data-workspace-importing = Importing…

## How files are read
data-read-options = How files are read
data-delimiter = Delimiter
data-delimiter-auto = auto
data-delimiter-comma = , comma
data-delimiter-semicolon = ; semicolon
data-delimiter-tab = tab
data-delimiter-pipe = | pipe
data-encoding = Encoding
# $key: the encoding's key; $label: its name (UTF-8, Windows-1252…).
data-encoding-name = { $key ->
        [auto] auto (UTF-8 / BOM)
        [windows-1258] Windows-1258 (Vietnamese)
       *[other] { $label }
    }
data-has-header = first row is a header
data-parse-dates = parse dates
data-flatten = flatten nested JSON
data-reread-failed = Read { $count ->
        [one] { $files }
       *[other] the { $count } files that failed ({ $files })
    } again with these options
data-reread = Re-read the shown file with these options

## Built-in samples
data-samples = Built-in samples
data-sample-size = Size
data-sample-seed = Seed
data-sample-retail = Retail tables
data-sample-media = Media JSON

## The table browser and the preview grid
data-remove-table = remove this table
# After the row count (in its own element).
data-rows-unit = rows
data-columns = { $count } columns
data-export = Export { $format }
# $source: where the engine read the table from, as it says it.
data-from-source = from { $source }
data-type-inferred = inferred from the data
data-type-declared = declared by the source
data-nulls-title = null values
data-nulls = { $count } null
data-as-text = as text
data-as-text-title = read this column as text (keeps leading zeros)

## The connector (dataplay serve), on the ETL and lake pages
data-connector-address = Address
data-connector-check = Look for the connector
data-connector-unknown = Not looked for yet.
data-connector-checking = Looking…
data-connector-absent = Not running ({ $error }). Start it with `dataplay serve`; the playground works without it.
data-connector-present = Connected: { $service } { $version } — source { $source }, warehouse { $warehouse }, lake { $lake }
data-connector-none = none
data-connector-token = Token
data-connector-needs-token = Paste the connector's token to use it.

## Where a table came from
origin-etl_stage = ETL stage output
origin-warehouse_table = warehouse table
origin-lake_sql = SQL over the lake
origin-warehouse_sql = SQL in the warehouse
