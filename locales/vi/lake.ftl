# Trang Hồ & kho dữ liệu: nạp dữ liệu vào hồ, các job kiểu Glue, khung
# truy vấn SQL, bảng so sánh, các bảng đã khai báo, hồ dữ liệu của connector.

## Trang
lake-title = Hồ dữ liệu & kho dữ liệu
lake-waiting = Đang chờ engine…
lake-intro = Công ty truyền thông trong bài học: tệp JSON và JSONL thô được đưa vào hồ dữ liệu nguyên trạng, các job kiểu Glue làm phẳng và tổng hợp chúng thành Parquet ở zone curated; SQL đọc thẳng từ hồ dữ liệu (schema-on-read) hoặc từ kho dữ liệu sau khi COPY (schema-on-write).
lake-files = Hồ dữ liệu ({ $files } tệp, { $size })
lake-empty = Hồ đang trống: hãy nạp dữ liệu mẫu truyền thông.
lake-results = Kết quả và bảng

## Nạp dữ liệu vào hồ
lake-events = Số sự kiện tương tác
lake-load-sample = Nạp dữ liệu mẫu truyền thông vào hồ
lake-ingest-into = Hoặc nạp tệp của bạn (CSV, JSON, JSONL, Parquet, giữ nguyên trạng) vào
lake-ingest-day = cho ngày

## Các tệp trong hồ và những gì truy vấn đã đọc
lake-tree-dataset = { $dataset }/ — { $files } tệp, { $size }
lake-scan = { $table }: quét { $scanned } tệp, bỏ qua { $skipped } — { $size }, { $rows } dòng
lake-scan-pruned = { $table }: quét { $scanned } tệp, bỏ qua { $skipped } nhờ điều kiện { $filter } — { $size }, { $rows } dòng
lake-scan-columns-skipped = ; các cột không cần đọc (truy vấn không dùng tới): { $columns }

## Job kiểu Glue
lake-glue-title = Job kiểu Glue
lake-glue-help = Mỗi job chỉ là dữ liệu: sửa JSON của nó (nguồn, bộ lọc, cột dẫn xuất, gom nhóm (group by), phép tổng hợp, đích, phân vùng) rồi chạy. Các trường JSON lồng nhau được làm phẳng thành cột "cha.con".
lake-glue-report = { $job }: { $rows_in } dòng vào → { $rows_out } dòng ra, { $columns } cột ({ $names }); đã ghi { $files } tệp Parquet
lake-glue-sql = SQL mà job đã chạy
lake-glue-run = Chạy { $job }
lake-glue-export = Xuất thành PySpark (.py)
lake-glue-export-help = Job dưới dạng script PySpark chạy trên thư mục gốc của hồ (spark-submit job.py --lake DIR)
lake-glue-json-error = JSON của job, dòng { $line }, cột { $column }: { $detail }
lake-glue-edit = Sửa JSON của job
lake-glue-json-label = JSON của job { $job }
lake-glue-reset = Khôi phục job mặc định
lake-glue-not-run = Chưa chạy.

## Khung truy vấn SQL
lake-sql-over-lake = trên hồ dữ liệu (Athena: schema-on-read, partition pruning)
lake-sql-in-warehouse = trong kho dữ liệu (Redshift: CREATE TABLE, COPY, INSERT … SELECT, SELECT)
lake-sql-tables = Bảng: { $tables }; các tập dữ liệu khác trong lake cũng truy vấn được bằng chính tên của chúng
lake-sql-run = Chạy
lake-step-columns = { $columns } cột
lake-step-accepted = được chấp nhận
lake-step-rejected = bị từ chối trên tổng số { $rows }
lake-step-rows = { $rows } dòng: { $columns }
lake-editor-keys = Ctrl+Enter (⌘+Enter) để chạy · Tab để thụt lề · Esc rồi Tab để rời khung soạn thảo
lake-missing-job = Glue job { $job } ghi dữ liệu vào { $path }: hãy chạy job đó, rồi chạy lại script.

## Vì sao COPY từ chối dòng
lake-lesson-title = Vì sao kho dữ liệu từ chối dòng: đó chính là bài học
lake-lesson-copy = COPY { $table } đã từ chối { $rejected } trên { $rows } dòng ({ $share } %) mà hồ dữ liệu đang giữ trong { $path }.
lake-lesson-write = Schema-on-write: kho dữ liệu khai báo kiểu của từng cột trước khi có dòng nào được tải, và kiểm tra từng dòng theo kiểu đó ngay khi tải. Giá trị không khớp kiểu đã khai báo sẽ bị từ chối và ghi vào stl_load_errors, nên mọi truy vấn về sau chỉ đọc những dòng hợp lệ.
lake-lesson-read = Schema-on-read: hồ dữ liệu nhận đúng những dòng đó nguyên trạng, không kiểm tra gì. Mỗi truy vấn trên hồ đọc chúng theo schema của riêng nó, và phải tự xử lý những giá trị không khớp.
lake-lesson-decimal = DECIMAL(5,4) có 5 chữ số, trong đó 4 chữ số sau dấu thập phân: nó chứa được giá trị từ -9,9999 đến 9,9999. Engagement score từ 10 trở lên (lượt thích và chia sẻ gấp mười lần lượt xem trở lên) thì không vừa. Dòng không có lượt xem nào để chia cũng vậy. COPY từ chối những dòng đó.

## Hồ dữ liệu so với kho dữ liệu
lake-cmp-title = Hồ dữ liệu và kho dữ liệu, đo thực tế
lake-cmp-aspect = Tiêu chí
lake-cmp-lake = Hồ dữ liệu (Data Lake)
lake-cmp-warehouse = Kho dữ liệu (Data Warehouse)
lake-cmp-schema = Schema
lake-cmp-schema-lake = Schema-on-read: suy ra từ các tệp khi truy vấn chạy
lake-cmp-schema-warehouse = Schema-on-write: { $tables } bảng đã khai báo; dòng nào không khớp thì bị từ chối ngay khi tải
lake-cmp-types = Kiểu dữ liệu
lake-cmp-types-lake = Mọi định dạng, giữ nguyên gốc: { $formats }
lake-cmp-types-warehouse = Chỉ dữ liệu có cấu trúc: cột có kiểu, NOT NULL, khóa
lake-cmp-processing = Xử lý
lake-cmp-processing-lake = ELT: load raw data trước, job và truy vấn transform sau
lake-cmp-processing-warehouse = ETL: dữ liệu curated được COPY vào, kiểm tra ngay khi load
lake-cmp-stored = Dung lượng lưu
lake-cmp-stored-warehouse = { $size } ({ $rows } dòng)
lake-cmp-rows = Dòng được chấp nhận / bị từ chối
lake-cmp-rows-lake = dòng nào cũng được đọc; không dòng nào bị từ chối (và cũng không dòng nào được kiểm tra)
lake-cmp-rows-warehouse = { $accepted } được chấp nhận, { $rejected } bị từ chối (xem stl_load_errors)
lake-cmp-time = Thời gian truy vấn
lake-cmp-time-last = { $time } cho truy vấn gần nhất ({ $rows } dòng)
lake-cmp-time-none = chạy một truy vấn để đo
lake-cmp-pruning = quét { $scanned } tệp, bỏ qua { $skipped }

## Các bảng đã khai báo
lake-declared-title = Các bảng đã khai báo
lake-declared-table = { $rows } dòng, { $rejected } bị từ chối, { $size }
lake-declared-slices = số dòng trên mỗi slice của cluster 4 slice
lake-declared-slice = slice { $slice }: { $rows }

## Hồ dữ liệu của connector
lake-connector-title = Hồ dữ liệu của bạn (connector)
lake-connector-intro = Cũng các zone và đường dẫn phân vùng như trên, nhưng trên S3 hoặc một thư mục, qua connector chạy trên máy:
lake-connector-intro-end = . Khóa truy cập nằm lại ở connector; hãy dán token từ tệp token của nó.
lake-connector-no-lake = Connector này không có hồ dữ liệu: hãy khởi động nó với --lake s3://bucket/prefix (khóa lấy từ AWS_*) hoặc --lake DIR.
lake-connector-every-zone = mọi zone
lake-connector-list = Liệt kê hồ dữ liệu
lake-connector-summary = { $files } tệp, { $size }
lake-connector-run = Truy vấn hồ dữ liệu của connector
lake-connector-rows = { $rows } dòng
lake-connector-rows-some = { $rows } dòng (hiển thị { $shown } dòng đầu)

## Vì sao kho dữ liệu từ chối dòng, và các khóa của bảng làm gì, từ mã của engine
# $column: một cột (hoặc các cột của khóa chính); $declared: kiểu đã khai báo.
reject-not_valid = { $column } không phải là một giá trị { $declared } hợp lệ
reject-null_in_not_null = { $column } là NULL nhưng cột được khai báo NOT NULL
reject-too_long = { $column } dài hơn VARCHAR({ $max })
reject-does_not_fit = { $column } không vừa kiểu { $declared }
reject-missing_not_null = { $column } không có trong nguồn nhưng cột được khai báo NOT NULL
reject-duplicate_key = { $column } trùng khóa chính với một dòng đã có trong bảng
# $column: khóa phân phối; $columns: sort key; $first: cột đầu tiên của nó.
explain-dist_key = DISTKEY ({ $column }): các dòng cùng { $column } được lưu trên cùng một slice, nên JOIN và GROUP BY theo { $column } chạy mà không phải chuyển dòng giữa các node. Nếu giá trị của { $column } bị lệch (skew), một slice sẽ gánh phần lớn công việc.
explain-dist_all = DISTSTYLE ALL: mỗi node giữ một bản sao đầy đủ — phù hợp với bảng dimension nhỏ được JOIN với bảng fact lớn; tốn kém với bảng lớn hoặc bảng được tải thường xuyên.
explain-dist_even = DISTSTYLE EVEN: các dòng được chia lần lượt (round-robin); dữ liệu lưu đều giữa các node, nhưng JOIN phải chuyển dòng.
explain-dist_auto = DISTSTYLE AUTO: kho dữ liệu tự chọn (ALL khi bảng còn nhỏ, EVEN khi bảng lớn dần).
explain-sort_key = SORTKEY ({ $columns }): các dòng được lưu theo thứ tự của các cột này, nên bộ lọc trên { $first } chỉ đọc những khối (block) có min/max có thể khớp (zone map).
