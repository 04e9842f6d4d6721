# The page's shell, and what it says of the engine's work: problems,
# progress, notices, loader notes. One message per code; arguments are the
# data's fields.

## Navigation and the engine's status
nav-data = Data
nav-etl = ETL / ELT
nav-lake = Lake & Warehouse
nav-cap = CAP theorem
nav-lessons = Lessons
nav-exercises = Exercises
nav-glossary = Glossary
presenter = Presenter mode
presenter-on = Leave presenter mode
shortcuts = Keyboard shortcuts
shortcuts-title = Keyboard shortcuts
shortcuts-close = Close
shortcuts-intro = Shortcuts work anywhere except while you type in a field.
shortcut-presenter = Presenter mode on or off
shortcut-help = Show or hide this list
shortcut-page = Go to { $page }
shortcut-search = Search the glossary
shortcut-escape = Close this dialog or a term's definition
shortcut-lesson-next = Next step of the lesson
shortcut-lesson-back = Previous step of the lesson
shortcut-tab = Move between buttons, links and fields
engine-ready = engine ready
engine-starting = engine starting…
language = Language
cancel = Cancel
dismiss = Dismiss

## Problems (dataplay_api::Problem), by code
problem-file_empty = { $file }: the file is empty
problem-file_too_large = { $file }: the file is { $size }, larger than the { $limit } this engine accepts; use a sample of it, or the native `dataplay` CLI
problem-no_room = { $file }: not enough memory left to read this file of { $size } (reading takes { $needed } more); remove some tables, use a sample of it, or the native `dataplay` CLI
problem-unknown_format = { $file }: cannot tell the format from the name; name it .csv, .json, .jsonl or .parquet
problem-file_at = { $file }: line { $line }, column { $column }: { $fault }
problem-invalid = { $subject }: { $fault }
problem-file_missing = { $file }: the file did not reach the engine
problem-file_unreadable = { $file }: could not read the file
problem-file_unreadable-detail = { $file }: could not read the file ({ $detail })
problem-no_file_reader = { $file }: this browser cannot read files in a worker
problem-unknown_dataset = no dataset named '{ $dataset }'
problem-unknown_column = { $dataset }: no column named '{ $column }'
problem-sql = SQL statement { $statement } (line { $line }, column { $column }): { $fault }
problem-sql_syntax = SQL syntax error at line { $line }, column { $column }: { $detail }
problem-internal = { $step }: { $detail }
problem-unknown_scenario = the simulation cannot run: no scenario named '{ $scenario }'
problem-io = { $detail }
problem-crashed = the engine failed on this request ({ $detail }); the tables it had are kept
problem-bad_request = malformed request to the engine: { $detail }

## What a fault is about (dataplay_api::Subject), by kind
subject-file = { $name }
subject-table = { $name }
subject-lake_path = { $name }
subject-lake_dataset = { $name }
subject-glue_job = Glue job { $name }
subject-check = check "{ $name }"
subject-etl_params = ETL parameters
subject-elt = ELT
subject-glue_sql = Glue job SQL
subject-column = column { $name }
subject-writing = { $name ->
        [csv] CSV
        [json] JSON
        [jsonl] JSONL
       *[parquet] Parquet
    }

## Loader notes (dataplay_api::LoadNote)
note-bom_removed = UTF-8 byte-order mark removed
note-decoded_from = decoded from { $encoding }
note-encoding_detected = not UTF-8: read as { $encoding } (detected; choose the encoding if the text looks wrong)
note-delimiter_detected = delimiter detected: { $kind ->
        [tab] tab
        [semicolon] semicolon (;)
        [pipe] pipe (|)
       *[other] '{ $delimiter }'
    }
note-types_from_every_row = column types inferred from every row
note-kept_as_text = kept as text ({ $why ->
        [leading_zeros] leading zeros
       *[too_large_for64_bits] whole numbers too large for 64 bits
    }): { $columns }
note-read_as_json_lines = holds one JSON object per line: read as JSON Lines
note-content_is = the content is { format-name }: read as such
note-arrow_schema_set_aside = its Arrow schema was set aside (field '{ $field }' { $unreadable ->
        [dictionary] is dictionary-encoded (categorical)
        [interval] is an interval
        [union] is a union
        [fixed_size_list] is a fixed-size list
        [run_end_encoded] is run-end encoded
        [list_view] is a list view
        [decimal] is a { $bits }-bit decimal
       *[unknown_time_zone] has the unknown time zone '{ $zone }'
    }, which dataplay cannot read): column types come from the Parquet schema

## Progress (dataplay_api::Stage) and what the page waits for
sample-retail = retail sample (seed { $seed }, { $size } items)
sample-media = media sample (seed { $seed }, { $size } events)
progress-reading = Reading { $file }
progress-parsing = Parsing { $file }
progress-generating = Generating { $sample }
progress-rereading = Re-reading { $dataset }
progress-running_etl = Running the ETL pipeline
progress-lake = Working in the lake and warehouse
progress-step = { $message } ({ $step }/{ $steps })
task-loading = Loading { $files }
task-generating = Generating sample
task-rereading = Re-reading { $dataset }
task-etl = Running the ETL pipeline
task-lake-list = Listing the lake
task-lake-load_sample = Loading the media sample into the lake
task-lake-glue = Running the Glue job
task-lake-lake_sql = Querying the lake
task-lake-warehouse_sql = Running the warehouse script
task-ingesting = Ingesting { $count } file(s) into the lake
task-restoring = Restoring your tables

## Notices
notice-cancelled = Cancelled: { $task }. Your tables are kept.
notice-restore_failed = Your tables could not be restored after the engine restarted.
notice-engine_died = { $why }; the engine was restarted
notice-engine_unavailable = the engine could not start: { $why }
notice-unreadable = unreadable message from the engine: { $why }
notice-unreachable = could not reach the engine: { $why }
notice-download_failed = { $file }: the download could not start ({ $why })
notice-not_kept = { $file } is loaded, but this browser would not keep it for your next visit ({ $why }): after a reload it will be gone. Remove a table you no longer need, or free space in the browser.
notice-stored_lost = { $file } was kept from your last visit but is no longer in this browser's storage: load it again.
notice-import_failed = { $file } was not imported: { $why }. Your workspace is as it was.
notice-export_failed = The workspace could not be exported ({ $why }).
notice-state_not_kept = This browser would not keep the lake and the warehouse for your next visit ({ $why }): what it kept before stays. Free space in the browser, or reset the workspace on the Data page.
link-bad-part = The link's “{ $name }” part could not be read (“{ $value }”), so it was left out; the rest of the link applies.

ex-title = Exercises
ex-intro = Each exercise starts from its own data and opens the page it is done on. Do the task there, then press Check: it says what is still wrong without giving the answer away.
ex-concept-etl = ETL / ELT
ex-concept-lake = Lake & warehouse
ex-concept-cap = CAP theorem
ex-start = Start
ex-solved = solved
ex-tries = Checks so far: { $count }
ex-check = Check
ex-reset = Start again
ex-close = Close
ex-hint = Hint
ex-checking = Checking…
ex-right = Right! The answer is correct.
ex-load = Load an exercise set…
ex-export = Export my answers
ex-loading = Loading the exercises…
ex-set-unreadable = { $source } is not an exercise set this page can read: { $why }
ex-no-run = Nothing to check yet: do the task first (run it).
ex-gate-did-not-stop = The gate let the run through.
ex-stopped-by-others = The gate stopped the run, but on other checks: { $checks }.
ex-check-passed = { $check } passed: it has to fail.
ex-stopped = The gate stopped the run: nothing was loaded.
ex-changed = Rows inserted or updated: { $rows }.
ex-no-segment = There is no segment named { $label }.
ex-segment-count = Customers in { $label }: { $got }.
ex-files-skipped = Files of { $table } skipped: { $got }.
ex-no-stale-read = AP served no stale read.
ex-cp-not-linearizable = CP's history is not linearizable.
ex-ap-linearizable = AP's history is linearizable.
ex-no-split = The faults do not cut those data centers off from the others.
ex-no-rejected-write = CP accepted every write.
ex-no-quorum-run = There is no quorum run: choose N/R/W.
ex-no-node-down = No data center is down.
ex-quorum-rejected = Writes the quorum rejected: { $writes }.
ex-quorum-not-linearizable = The quorum's history is not linearizable.
ex-no-siblings = No read returned siblings.
ex-none-updated = The MERGE updated no row: change a parameter that changes the rows, then run.
ex-not-in-warehouse = The transforms ran in the engine: choose ELT so that they run in the warehouse.
ex-segments = Segments with customers: { $got }.
ex-files = Files under { $prefix }: { $got }.
ex-not-queried-lake = No query has run over the lake yet.
ex-not-queried-warehouse = No query has run in the warehouse yet.
ex-no-columns-skipped = The query read every column of { $table } (or did not read it).
ex-declared = Warehouse tables with rows: { $got }.
ex-other-scenario = The run is not “{ $scenario }” yet.
ex-not-loaded = There is no { $table } table yet: load it first.
ex-not-shown = The page does not show it yet.
ex-table-missing = There is no { $dataset } table yet: run your query.
ex-columns-missing = Expected columns missing: { $missing }.
ex-columns-unexpected = Columns not expected: { $names }.
ex-table-rows = Rows: { $got }, expected { $expected }.
ex-table-first-wrong = Your row { $row } ({ $values }) is not in the answer.
ex-table-lacking = Rows of the answer still missing: { $lacking }.
ex-replace-lake = This exercise starts from its own lake: the { $files } files in the lake now (and the warehouse tables declared on the Lake & Warehouse page) are replaced. Start anyway?
ex-replace-yes = Yes, start

## Guided lessons
lesson-title = Lessons
lesson-intro = Three guided lessons, one per concept of the course. Each step explains one idea, points at the control it is about and asks you to do something with it; the step is done when the page shows the result. Some steps first ask what you expect: your guess is kept, then the run shows who was right. Your progress is kept in this browser.
lesson-loading = Loading the lessons…
lesson-unreadable = { $source } is not a lesson set this page can read: { $why }
lesson-progress = Steps done: { $passed } of { $steps }
lesson-score = predictions right: { $right } of { $made }
lesson-replace-lake = This lesson starts from its own lake: the { $files } files in the lake now (and the warehouse tables declared on the Lake & Warehouse page) are replaced. Start anyway?
lesson-resume = Resume at step { $step }
lesson-start = Start
lesson-start-over = Start over
lesson-step-of = step { $step } of { $steps }
lesson-predict = Predict first:
lesson-guessed = Your guess is noted. Now do the step and see who was right.
lesson-guess-right = You were right.
lesson-guess-wrong = Not this time.
lesson-guess-was = The run says: { $answer } ({ $value }).
lesson-do = Your turn:
lesson-not-yet = Not done yet:
lesson-skipped = The trainer skipped this step.
lesson-step-done = Done.
lesson-back = Back
lesson-next = Next
lesson-finish = Finish the lesson
lesson-skip = Skip (trainer)
lesson-close = Close the lesson
