# Các lỗi mà engine báo, theo mã (dataplay_api::Fault). Đối số là các
# trường của lỗi; danh sách được nối sẵn bằng ", ".

format-name = { $format ->
        [csv] CSV
        [json] JSON
        [jsonl] JSONL
       *[parquet] Parquet
    }
parquet-part = { $part ->
        [schema] schema
       *[arrow_schema] schema Arrow
    }
value-kind = { $kind ->
        [whole_number] số nguyên
        [number] số
        [text] văn bản
        [date] ngày (YYYY-MM-DD)
        [time] giờ (HH:MM:SS)
        [date_time] ngày giờ
       *[date_or_time] ngày hoặc giờ
    }

fault-quote_never_closed = trường trong dấu nháy này thiếu dấu nháy đóng
fault-field_count = dòng này có { $found } trường, còn dòng đầu tiên có { $expected } trường
fault-csv_record = { $detail }
fault-unreadable = không đọc được dưới dạng { format-name }: { $detail }
fault-reader_failed = bộ đọc { format-name } gặp lỗi vì dữ liệu bị hỏng ({ $detail }); tệp đã bị hỏng hoặc không được ghi ở định dạng { format-name }
fault-not_text = đây không phải tệp văn bản (tệp có chứa byte NUL); nếu đây là tệp UTF-16 không có dấu thứ tự byte (BOM), hãy chọn bảng mã UTF-16
fault-bad_encoding = các byte ở đây không hợp lệ theo bảng mã { $encoding }
fault-not_utf8 = byte { $byte } không hợp lệ trong UTF-8; nếu tệp được lưu bằng Windows-1252 hoặc Windows-1258 (tiếng Việt), hãy chọn bảng mã đó
fault-nested_too_deep = ở đây có một dòng lồng mảng và đối tượng sâu hơn { $limit } cấp; dataplay chỉ đọc tối đa { $limit } cấp
fault-number_too_big = số nguyên { $number } vượt quá 64 bit; hãy viết nó dưới dạng chuỗi ("{ $number }") để đọc thành văn bản
fault-json_syntax = JSON không hợp lệ: { $detail }
fault-element_not_object = phần tử { $element } của mảng ngoài cùng không phải là đối tượng: mỗi dòng phải là một đối tượng
fault-top_level_not_objects = ở cấp ngoài cùng cần có một đối tượng hoặc một mảng các đối tượng
fault-line_not_object = mỗi dòng phải chứa đúng một đối tượng JSON
fault-not_parquet = không phải tệp Parquet (tệp không bắt đầu bằng PAR1)
fault-parquet_truncated = tệp Parquet bị cắt cụt (thiếu phần footer); có thể việc tải lên hoặc sao chép đã bị ngắt giữa chừng.
fault-parquet_footer = không đọc được footer của tệp Parquet: { $detail }
fault-parquet_footer_corrupt = footer của tệp Parquet bị hỏng: { $detail }
fault-parquet_corrupt = tệp Parquet bị hỏng: { $detail }
fault-parquet_too_deep = { parquet-part } của tệp Parquet lồng sâu hơn { $limit } cấp; dataplay chỉ đọc tối đa { $limit } cấp
fault-parquet_duplicate = { parquet-part } của tệp Parquet có hai trường cùng tên '{ $name }' trong một nhóm
fault-parquet_too_wide = { parquet-part } của tệp Parquet khai báo hơn { $limit } cột; dataplay chỉ đọc tối đa { $limit } cột
fault-no_column = không có cột nào tên '{ $column }' (bảng có các cột: { $have })
fault-no_such_column = không có cột nào tên '{ $column }'
fault-cannot_read_value = cột '{ $column }', dòng { $row }: không đọc được '{ $value }' dưới dạng { value-kind }
fault-cannot_read_column = không đọc được cột '{ $column }' dưới dạng { value-kind }
fault-too_many_rows = hơn 4 tỷ dòng
fault-reserved_column = có một cột tên '{ $column }', nhưng ELT đã dành riêng tên này
fault-source_missing = chưa có bảng này: hãy tải một tệp có tên đó (hoặc dữ liệu mẫu bán lẻ) trước
fault-not_extracted = không được đưa vào bước trích xuất
fault-not_created = đoạn SQL không tạo ra bảng { $table }
fault-key_width = khóa cần từ 1 đến { $max } cột
fault-null_key = dòng { $row }: khóa ({ $key }) có giá trị null
fault-staged_columns = các cột trong bảng staging ({ $staged }) khác với các cột của bảng đích ({ $table })
fault-staged_type = cột '{ $column }' có kiểu { $staged } trong bảng staging nhưng có kiểu { $table } trong bảng đích
fault-not_a_date = { $field ->
        [from] ngày bắt đầu
       *[to] ngày kết thúc
    } '{ $value }' không đúng dạng YYYY-MM-DD
fault-range_reversed = ngày bắt đầu { $from } nằm sau ngày kết thúc { $to }
fault-range_too_long = khoảng thời gian dài hơn { $years } năm
fault-margin_range = biên lợi nhuận { $margin } không nằm trong khoảng từ 0 đến 1
fault-segment_edges = các ngưỡng phân khúc phải là số hữu hạn và tăng dần
fault-segment_labels = { $edges } ngưỡng phân khúc cần { $edges } nhãn, nhưng đang có { $labels } nhãn
fault-threshold = ngưỡng { $value } không phải là số hữu hạn
fault-nul_text = { $field ->
        [segment_label] nhãn phân khúc
        [movement_type] loại biến động kho
        [movement_category] nhóm biến động kho
        [check_name] tên phép kiểm tra
       *[check_column] cột của phép kiểm tra
    } có chứa ký tự NUL, ký tự mà PostgreSQL không lưu được: "{ $text }"
fault-lake_path = không phải đường dẫn hợp lệ trong hồ dữ liệu: { $why ->
        [control_character] có chứa ký tự điều khiển
        [leaves_the_lake] các đoạn '.' và '..' dẫn ra ngoài hồ dữ liệu
        [encoded_slash] có dấu gạch chéo ngược hoặc dấu gạch chéo đã mã hóa bên trong một đoạn
        [no_zone] đường dẫn phải bắt đầu bằng một zone ({ $zones })
        [no_dataset_or_file] đường dẫn cần có tên tập dữ liệu và tên tệp
       *[empty_segment] có đoạn rỗng, '.' hoặc '..'
    }
fault-lake_dataset_name = tên tập dữ liệu phải là một tên đơn (không chứa dấu gạch chéo), chỉ gồm chữ cái, chữ số, '_', '-' hoặc '.' (không có khoảng trắng hay ký hiệu khác)
fault-ingest_dataset_name = tên tập dữ liệu chỉ được gồm chữ cái, chữ số, _ và -
fault-not_a_file_name = không phải tên tệp
fault-not_in_lake = không có trong hồ dữ liệu
fault-not_a_workspace = đây không phải tệp không gian làm việc của dataplay, hoặc tệp đã bị hỏng: { $detail }
fault-lake_fetch = { $detail }
fault-no_files = tập dữ liệu không có tệp nào
fault-no_files_under = không có tệp nào trong { $source_path }
fault-column_type_changed = cột '{ $column }' ở đây có kiểu { $here }, nhưng trong các tệp trước đó lại có kiểu { $before }
fault-ingest_day = ngày nạp '{ $day }' không đúng dạng YYYY-MM-DD
fault-no_aggregate = gom nhóm (group by) cần ít nhất một phép tổng hợp
fault-partition_not_in_output = cột phân vùng '{ $column }' không có trong kết quả đầu ra
fault-expression_comment = { $field }: phải là đúng một biểu thức SQL (không được có chú thích): { $expression }
fault-not_an_expression = { $field }: phải là đúng một biểu thức SQL ({ $detail }): { $expression }
fault-lake_json = { $detail }
fault-sql_engine = { $detail }
fault-internal = { $step }: { $detail }
fault-about = { $subject }: { $fault }
fault-create_needs_select = CREATE TABLE { $table } cần có AS SELECT …; các cột được lấy từ truy vấn
fault-table_exists = bảng { $table } đã tồn tại (CREATE OR REPLACE TABLE sẽ thay thế bảng này)
fault-insert_needs_rows = INSERT INTO { $table } cần có SELECT … hoặc VALUES …
fault-no_table = không có bảng nào tên { $table }
fault-statement_unsupported = { $statement } không được hỗ trợ; các câu lệnh được hỗ trợ: SELECT, CREATE TABLE … AS SELECT, INSERT INTO … SELECT, DROP TABLE
fault-insert_width = INSERT INTO { $table }: có { $expected } cột đích nhưng truy vấn trả về { $given } cột
fault-insert_table_width = INSERT INTO { $table }: bảng có { $expected } cột, còn truy vấn trả về { $given } cột
fault-insert_cast = INSERT INTO { $table }: cột { $column } có kiểu { $column_type }, nhưng truy vấn trả về giá trị kiểu { $given } không chuyển đổi được sang kiểu này
fault-last_not_query = câu lệnh cuối cùng của script không phải là truy vấn
fault-no_statement = script không có câu lệnh nào
fault-insert_no_column = INSERT INTO { $table }: không có cột nào tên { $column }
fault-struct_fields = các trường của STRUCT được đặt tên theo cột tương ứng: hãy viết STRUCT(a, b), không khai báo kiểu hay dùng `AS` cho trường
fault-struct_duplicate = STRUCT có hai trường cùng tên { $field }: các trường của STRUCT được đặt tên theo cột tương ứng
fault-power_arguments = POWER nhận một cơ số và một số mũ: POWER(x, 2)
fault-date_trunc_arguments = DATE_TRUNC nhận một đơn vị và một ngày hoặc timestamp: DATE_TRUNC('day', ts)
fault-subquery_argument = { $function }: không hỗ trợ dùng truy vấn con làm đối số
fault-window_clauses = { $function }: không hỗ trợ DISTINCT hay các mệnh đề bên trong window function
fault-named_arguments = { $function }: không hỗ trợ đối số có tên hoặc đối số có tiền tố
fault-within_group_fraction = { $function }(p) WITHIN GROUP (ORDER BY x) nhận đúng một tỷ lệ p
fault-within_group_order = { $function }: WITHIN GROUP chỉ sắp xếp theo đúng một biểu thức
fault-percentile_arguments = { $function } nhận một cột và một tỷ lệ: { $function }(x, 0.9)
fault-named_window = không hỗ trợ named window
fault-window_filter = không hỗ trợ { $function }(…) FILTER trên một window
fault-ordered_window = không hỗ trợ { $function }(…) OVER (… ORDER BY …); window có ORDER BY chỉ hỗ trợ SUM, COUNT và ROW_NUMBER (window không có ORDER BY hỗ trợ mọi phép tổng hợp)
fault-window_frame = { $function }: chỉ hỗ trợ frame ROWS/RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
fault-sql_parser = { $detail }
fault-script_syntax = lỗi cú pháp: { $detail }
fault-copy_table = COPY cần một bảng: COPY table FROM 'path'
fault-copy_no_files = COPY { $table }: không có tệp nào trong { $path } của hồ dữ liệu{ $writer ->
        [glue_job] ; Glue job { $job } tạo ra các tệp này: hãy chạy job đó trước
       *[unknown] {""}
    }
fault-expected_insert = cần một câu lệnh INSERT INTO table SELECT …
fault-insert_no_source = INSERT cần có SELECT … hoặc VALUES …
fault-insert_undeclared = INSERT INTO { $table }: hãy khai báo bảng này trước bằng CREATE TABLE
fault-insert_columns = INSERT INTO { $table }: { $detail }
fault-not_declared = chưa khai báo bảng { $table } (hãy tạo bảng bằng CREATE TABLE trước)
fault-copy_syntax = cú pháp: COPY table FROM 'path' …
fault-copy_path = COPY … FROM cần một đường dẫn đặt trong dấu nháy
fault-etl_table_name = { $table } là một bảng ETL của kho dữ liệu; hãy chọn tên khác
fault-decimal_precision = { $column }: precision của DECIMAL phải từ 1 đến 38 và scale ≤ precision
fault-type_unsupported = { $column }: không hỗ trợ kiểu { $sql_type }
fault-key_parenthesis = cần dấu ( sau DISTKEY/SORTKEY
fault-dist_style_missing = DISTSTYLE cần một kiểu phân phối
fault-dist_key_missing = DISTKEY cần một cột
fault-sort_key_missing = SORTKEY cần danh sách cột
fault-dist_style = DISTSTYLE chỉ nhận ALL, EVEN, KEY hoặc AUTO
fault-dist_key_columns = DISTKEY chỉ nhận một cột
fault-one_create_table = cần đúng một câu lệnh CREATE TABLE
fault-key_not_column = cột khóa { $column } không phải là cột của bảng { $table }
fault-dist_key_not_column = cột DISTKEY { $column } không phải là cột của bảng { $table }
fault-no_columns = CREATE TABLE { $table } không khai báo cột nào
fault-not_one_query = cần đúng một truy vấn, nhưng nhận được: { $sql }
fault-unclosed = { $function }( chưa có dấu đóng ngoặc
fault-no_spark_window = { $function }(…) OVER (…) chưa có dạng tương đương trong Spark ở đây
fault-unsafe_literal = không thể truyền an toàn giá trị literal này cho Spark: { $literal }
fault-nested_json = lỗi khi ghi giá trị lồng nhau thành JSON: { $detail }
fault-write_failed = lỗi khi ghi: { $detail }
