# Trang ETL: tham số của pipeline bán lẻ, kết quả của một lần chạy, và
# khung connector để chạy pipeline trên cơ sở dữ liệu thật.

etl-title = ETL / ELT — tải dữ liệu hằng ngày của chuỗi bán lẻ
etl-intro = Pipeline bán lẻ của bài học (RetailETLPipeline): trích xuất các bảng POS và tồn kho, làm sạch và làm giàu dữ liệu bán hàng, phân khúc khách hàng, theo dõi tồn kho lũy kế, kiểm tra chất lượng, rồi đưa vào staging và MERGE vào kho dữ liệu. Mọi bước đều chạy trong worker của engine. Bạn hãy đổi một tham số rồi chạy lại để xem điều gì thay đổi.

## Các bảng nguồn
etl-sources = Các bảng nguồn
# Sau tên bảng; $rows là số dòng engine đếm, $source là nơi bảng được đọc.
etl-source-present = — { $rows } dòng ({ $source })
etl-source-missing = — chưa có
etl-sources-upload = Ở trang Dữ liệu, hãy tải lên các tệp đặt tên theo những bảng còn thiếu, hoặc
etl-sample-items = { $count } mục giao dịch
etl-load-sample = tải dữ liệu mẫu bán lẻ

## Tham số
etl-parameters = Tham số
etl-from = Từ ngày
etl-to = đến ngày
etl-margin = biên lợi nhuận %
etl-mode-etl = ETL — trích xuất và biến đổi trong engine, rồi mới tải
etl-mode-elt = ELT — tải dữ liệu nguồn thô vào kho dữ liệu, rồi biến đổi ngay trong đó bằng SQL
etl-segment-edges = Ngưỡng phân khúc (đóng bên phải)
etl-segment-labels = nhãn
etl-segments-not-numbers = ngưỡng phân khúc: các số, cách nhau bằng dấu phẩy
etl-segments-label-count = { $edges } ngưỡng cần { $edges } nhãn, hiện có { $labels }
etl-gate = Cổng kiểm tra chất lượng dữ liệu
etl-gate-check = phép kiểm tra
etl-gate-rule = quy tắc
etl-gate-threshold = ngưỡng
etl-gate-on-failure = khi không đạt
etl-rule-rows-per-day = số dòng mỗi ngày ≥
etl-rule-revenue-per-day = doanh thu mỗi ngày ≥
# $columns: tên các cột, nối bằng etl-rule-or.
etl-rule-max-nulls = số dòng có { $columns } null ≤
etl-rule-or = hoặc
etl-severity-fail = dừng lần chạy
etl-severity-warn = chỉ cảnh báo
etl-run = Chạy pipeline
etl-export = Một máy không còn đủ sức? Xuất các tham số này thành
etl-export-pyspark = một job PySpark (.py)
etl-export-pyspark-title = Một job cho spark-submit: cùng các giai đoạn viết bằng Spark SQL, cùng các phép kiểm tra, chạy trên một thư mục chứa các tệp nguồn
etl-export-or = hoặc
etl-export-postgres = một script PostgreSQL (.sql)
etl-export-postgres-title = Một transaction chạy ngay trong cơ sở dữ liệu PostgreSQL chứa các bảng nguồn: các giai đoạn, các phép kiểm tra, staging và MERGE

## Kết quả của lần chạy
# $checks: các phép kiểm tra không đạt (etl-stopped-check), nối bằng "; ".
etl-stopped = Kiểm tra chất lượng dữ liệu không đạt — { $mode ->
        [etl] không có gì được tải vào kho dữ liệu
       *[elt] không có gì được MERGE vào các bảng fact và dimension (các bảng thô đã được tải)
    }. { $checks }
etl-stopped-check = { $name }: ghi nhận { $observed }, yêu cầu { $expected } ({ $detail })
etl-stages = Các giai đoạn ({ $time })
etl-stage = giai đoạn
etl-stage-ran-in = chạy ở
etl-stage-rows-in = dòng vào
etl-stage-rows-out = dòng ra
etl-stage-dropped = số dòng bị loại và lý do
etl-ran-in = { $place ->
        [engine] engine
        [warehouse] kho dữ liệu
       *[warehouse_sql] kho dữ liệu (SQL)
    }
etl-stage-sql = SQL mà kho dữ liệu đã chạy cho { $stage }
etl-elt-dropped = ELT: mệnh đề WHERE và JOIN của SQL loại bỏ dòng mà không cho biết dòng nào; hãy chạy ở chế độ ETL để có bảng dropped_rows ghi lý do cho từng dòng.
# Trước và sau nút dropped_rows.
etl-why-dropped = Vì sao một dòng bị loại? Mở bảng
etl-why-dropped-after = : mọi dòng bị loại, kèm bảng nguồn, số thứ tự dòng, giai đoạn và lý do.
etl-gate-skipped = Bỏ qua ở lần chạy này.
etl-check-status = { $status ->
        [pass] đạt
        [warn] cảnh báo
       *[fail] không đạt
    }
# $detail: câu mô tả của engine về phép kiểm tra.
etl-check-observed = ghi nhận { $observed } (yêu cầu { $expected }) — { $detail }
etl-merge-none = Không có gì được tải: kho dữ liệu giữ nguyên phiên bản trước.
etl-merge-title = Tải: staging → MERGE (phiên bản kho dữ liệu { $version })
etl-merge-table = bảng
etl-merge-key = khóa
etl-merge-staged = vào staging
etl-merge-inserted = thêm mới
etl-merge-updated = cập nhật
etl-merge-unchanged = không đổi
etl-merge-rows-now = số dòng hiện có
etl-charts = Biểu đồ
etl-chart-segments = Số khách hàng theo phân khúc
etl-chart-segment-revenue = Doanh thu theo phân khúc
etl-chart-hours = Doanh thu theo giờ
etl-chart-weekdays = Doanh thu theo thứ trong tuần
etl-weekday = { $day ->
        [mon] T2
        [tue] T3
        [wed] T4
        [thu] T5
        [fri] T6
        [sat] T7
       *[sun] CN
    }
etl-chart-stock = Tồn kho lũy kế của sản phẩm { $product } tại cửa hàng { $store }
etl-axis-revenue = { $unit ->
        [thousand] Doanh thu (total_sales), nghìn đồng
        [million] Doanh thu (total_sales), triệu đồng
        [billion] Doanh thu (total_sales), tỷ đồng
       *[one] Doanh thu (total_sales), đồng
    }
etl-axis-customers = { $unit ->
        [thousand] Số khách hàng, nghìn
        [million] Số khách hàng, triệu
        [billion] Số khách hàng, tỷ
       *[one] Số khách hàng
    }
etl-axis-stock = { $unit ->
        [thousand] Tồn kho, nghìn sản phẩm
        [million] Tồn kho, triệu sản phẩm
        [billion] Tồn kho, tỷ sản phẩm
       *[one] Tồn kho, số sản phẩm
    }
etl-axis-segment = Phân khúc (theo tổng chi tiêu của khách hàng)
etl-axis-hour = Giờ trong ngày
etl-axis-weekday = Thứ trong tuần
etl-axis-date = { $day }/{ $month ->
        [1] 1
        [2] 2
        [3] 3
        [4] 4
        [5] 5
        [6] 6
        [7] 7
        [8] 8
        [9] 9
        [10] 10
        [11] 11
       *[12] 12
    }
etl-axis-full-date = { $day }/{ $month ->
        [1] 1
        [2] 2
        [3] 3
        [4] 4
        [5] 5
        [6] 6
        [7] 7
        [8] 8
        [9] 9
        [10] 10
        [11] 11
       *[12] 12
    }/{ $year }
etl-axis-dates = Ngày phát sinh, từ { $from } đến { $to }
etl-legend-stock = Tồn kho lũy kế sau mỗi lần nhập/xuất
etl-legend-reorder = Dưới mức đặt hàng lại ({ $level }): nguy cơ hết hàng
etl-legend-max = Trên mức tồn kho tối đa ({ $level }): tồn kho thừa
etl-legend-negative = Dưới 0: hàng trả lại nhiều hơn hàng bán
etl-segment-none = Chưa phân khúc
etl-segment-none-note = Chưa phân khúc: khách hàng có tổng chi tiêu bằng hoặc thấp hơn ngưỡng phân khúc đầu tiên (hàng trả lại và chiết khấu bù hết những gì họ đã mua), nên họ không thuộc phân khúc nào.
etl-tables = Các bảng

## Khung connector
etl-connector-title = Cơ sở dữ liệu của bạn (connector)
# Trước và sau `dataplay serve`.
etl-connector-intro = Chạy pipeline này trên nguồn và kho dữ liệu PostgreSQL/MySQL thật bằng connector native: hãy chạy
etl-connector-intro-after = trên máy này. Thông tin đăng nhập chỉ nằm ở connector; hãy dán token lấy từ tệp token của nó.
etl-connector-preview = Xem trước bảng nguồn
etl-connector-run = Chạy trên cơ sở dữ liệu

## Kết quả kiểm tra chất lượng, các giai đoạn và các dòng bị loại, từ mã của engine
# $value: một con số như engine viết.
bound-at_least = >= { $value }
bound-at_most = <= { $value }
finding-no_days = khoảng thời gian đã chọn không có ngày nào
# $what: rows (số dòng) hoặc revenue (doanh thu); $min, $lowest: số; $day: YYYY-MM-DD.
finding-every_day_at_least = ngày nào cũng đạt ít nhất { $min }; thấp nhất là { $lowest } vào ngày { $day }
finding-days_below = { $below } trên { $days } ngày có { $what ->
        [rows] số dòng
       *[revenue] doanh thu
    } dưới { $min }; thấp nhất là { $lowest } vào ngày { $day }
# $columns: tên các cột, nối bằng etl-rule-or.
finding-no_nulls = không dòng nào có giá trị null ở { $columns }
finding-rows_with_nulls = { $rows } dòng có giá trị null ở { $columns }
sample-column-day = ngày
sample-column-rows = số dòng
sample-column-revenue = doanh thu
sample-column-fact_sales_row = dòng của fact_sales
sample-column-transaction_id = transaction_id
sample-column-product_id = product_id
sample-column-null_in = null ở cột
# Thay đổi một cú nhấp mà phép kiểm tra không đạt đề xuất; $rule: rows, revenue hoặc nulls.
etl-fix-threshold = Đặt ngưỡng là { $value } { $rule ->
        [rows] dòng mỗi ngày
        [revenue] doanh thu mỗi ngày
       *[nulls] dòng có null
    }
etl-fix-columns = Chỉ kiểm tra { $columns } (các cột mà bước biến đổi bảo đảm)
etl-fix-hint = Bạn hãy sửa ở cổng kiểm tra chất lượng dữ liệu phía trên, hoặc bấm để áp dụng, rồi chạy lại.
etl-fix-applied = Đã áp dụng: hãy chạy lại pipeline.
etl-about-extract_sales = transactions ⋈ transaction_items ⋈ products, status = 'completed', ngày nằm trong khoảng
etl-about-extract_inventory = inventory_movements ⋈ product_inventory theo (product_id, store_id), ngày nằm trong khoảng
etl-about-extract_customers = các khách hàng có status = 'active'
etl-about-transform_sales = làm sạch (mã, quantity > 0, unit_price >= 0), các dimension thời gian, doanh số, chi phí và lợi nhuận, phân khúc khách hàng
etl-about-transform_inventory = loại biến động kho, tồn kho lũy kế theo (sản phẩm, cửa hàng), cờ hết hàng và vượt mức tồn
etl-about-quality = kiểm tra chất lượng trên dữ liệu bán hàng đã biến đổi, theo từng ngày
etl-about-load = đưa từng bảng vào staging, rồi MERGE theo khóa vào kho dữ liệu (tất cả các bảng hoặc không bảng nào)
etl-about-load_raw = tải nguyên trạng sáu bảng nguồn vào kho dữ liệu (raw_*), gán kiểu cho các cột mà SQL đọc
# $column: tên cột; $status: trạng thái của dòng.
drop-null_key = { $column } bị null
drop-transaction_status = giao dịch có trạng thái '{ $status }'
drop-transaction_status_null = trạng thái giao dịch bị null
drop-transaction_outside_range = ngày giao dịch nằm ngoài khoảng
drop-no_such_transaction = không có giao dịch này
drop-no_such_product = không có sản phẩm này
drop-movement_date_null = movement_date bị null
drop-movement_outside_range = ngày biến động kho nằm ngoài khoảng
drop-product_or_store_null = product_id hoặc store_id bị null
drop-no_stock_row = không có dòng tồn kho cho (sản phẩm, cửa hàng)
drop-customer_status = khách hàng có trạng thái '{ $status }'
drop-customer_status_null = trạng thái khách hàng bị null
drop-quantity_not_positive = quantity không lớn hơn 0 (hoàn tiền, trống hoặc thiếu)
drop-price_negative_or_missing = unit_price âm hoặc bị thiếu
drop-filtered_by_sql = bị loại bởi WHERE và JOIN của SQL (lý do cho từng dòng: chế độ ETL)
