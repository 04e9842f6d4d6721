# Khung của trang, và những gì trang báo về công việc của engine: sự cố,
# tiến độ, thông báo, ghi chú khi đọc tệp. Mỗi mã một thông điệp; đối số là
# các trường của dữ liệu.

## Điều hướng và trạng thái của engine
nav-data = Dữ liệu
nav-etl = ETL / ELT
nav-lake = Hồ & kho dữ liệu
nav-cap = Định lý CAP
nav-lessons = Bài học
nav-exercises = Bài tập
nav-glossary = Thuật ngữ
presenter = Chế độ trình chiếu
presenter-on = Thoát chế độ trình chiếu
shortcuts = Phím tắt
shortcuts-title = Phím tắt
shortcuts-close = Đóng
shortcuts-intro = Phím tắt dùng được ở mọi nơi, trừ khi bạn đang gõ vào một ô nhập.
shortcut-presenter = Bật hoặc tắt chế độ trình chiếu
shortcut-help = Hiện hoặc ẩn danh sách này
shortcut-page = Chuyển tới trang { $page }
shortcut-search = Tìm trong bảng thuật ngữ
shortcut-escape = Đóng hộp thoại này hoặc phần định nghĩa thuật ngữ
shortcut-lesson-next = Bước tiếp theo của bài học
shortcut-lesson-back = Bước trước của bài học
shortcut-tab = Di chuyển giữa các nút, liên kết và ô nhập
engine-ready = engine đã sẵn sàng
engine-starting = engine đang khởi động…
language = Ngôn ngữ
cancel = Hủy
dismiss = Đóng

## Sự cố (dataplay_api::Problem), theo mã
problem-file_empty = { $file }: tệp rỗng
problem-file_too_large = { $file }: tệp có dung lượng { $size }, vượt quá giới hạn { $limit } của engine này; hãy dùng một mẫu nhỏ hơn của tệp, hoặc bản CLI `dataplay` cài trên máy
problem-no_room = { $file }: không còn đủ bộ nhớ để đọc tệp { $size } này (cần thêm { $needed } để đọc); hãy xóa bớt vài bảng, dùng một mẫu nhỏ hơn của tệp, hoặc bản CLI `dataplay` cài trên máy
problem-unknown_format = { $file }: không nhận ra định dạng từ tên tệp; hãy đặt tên tệp có đuôi .csv, .json, .jsonl hoặc .parquet
problem-file_at = { $file }: dòng { $line }, cột { $column }: { $fault }
problem-invalid = { $subject }: { $fault }
problem-file_missing = { $file }: tệp không đến được engine
problem-file_unreadable = { $file }: không đọc được tệp
problem-file_unreadable-detail = { $file }: không đọc được tệp ({ $detail })
problem-no_file_reader = { $file }: trình duyệt này không đọc được tệp trong Web Worker
problem-unknown_dataset = không có tập dữ liệu nào tên '{ $dataset }'
problem-unknown_column = { $dataset }: không có cột nào tên '{ $column }'
problem-sql = câu lệnh SQL thứ { $statement } (dòng { $line }, cột { $column }): { $fault }
problem-sql_syntax = lỗi cú pháp SQL tại dòng { $line }, cột { $column }: { $detail }
problem-internal = { $step }: { $detail }
problem-unknown_scenario = không chạy được mô phỏng: không có kịch bản nào tên '{ $scenario }'
problem-io = { $detail }
problem-crashed = engine gặp lỗi khi xử lý yêu cầu này ({ $detail }); các bảng đã có vẫn được giữ nguyên
problem-bad_request = yêu cầu gửi tới engine sai định dạng: { $detail }

## Đối tượng mà lỗi nói tới (dataplay_api::Subject), theo loại
subject-file = { $name }
subject-table = { $name }
subject-lake_path = { $name }
subject-lake_dataset = { $name }
subject-glue_job = Glue job { $name }
subject-check = phép kiểm tra "{ $name }"
subject-etl_params = tham số ETL
subject-elt = ELT
subject-glue_sql = SQL của Glue job
subject-column = cột { $name }
subject-writing = { $name ->
        [csv] CSV
        [json] JSON
        [jsonl] JSONL
       *[parquet] Parquet
    }

## Ghi chú khi đọc tệp (dataplay_api::LoadNote)
note-bom_removed = đã bỏ dấu thứ tự byte (BOM) của UTF-8
note-decoded_from = đã giải mã từ bảng mã { $encoding }
note-encoding_detected = không phải UTF-8: đã đọc theo bảng mã { $encoding } (tự nhận ra; nếu chữ hiển thị sai, hãy tự chọn bảng mã)
note-delimiter_detected = đã nhận ra dấu phân cách: { $kind ->
        [tab] ký tự tab
        [semicolon] dấu chấm phẩy (;)
        [pipe] dấu gạch đứng (|)
       *[other] '{ $delimiter }'
    }
note-types_from_every_row = kiểu của các cột được suy ra từ mọi dòng
note-kept_as_text = giữ ở dạng văn bản ({ $why ->
        [leading_zeros] có số 0 ở đầu
       *[too_large_for64_bits] có số nguyên vượt quá 64 bit
    }): { $columns }
note-read_as_json_lines = mỗi dòng chứa một đối tượng JSON: đọc dưới dạng JSON Lines
note-content_is = nội dung là { format-name }: đọc theo định dạng đó
note-arrow_schema_set_aside = đã bỏ qua schema Arrow của tệp (trường '{ $field }' { $unreadable ->
        [dictionary] được mã hóa kiểu từ điển (categorical)
        [interval] có kiểu interval (khoảng thời gian)
        [union] có kiểu union
        [fixed_size_list] là danh sách có kích thước cố định
        [run_end_encoded] được mã hóa kiểu run-end
        [list_view] có kiểu list view
        [decimal] là số thập phân { $bits } bit
       *[unknown_time_zone] có múi giờ không xác định '{ $zone }'
    } — dataplay chưa đọc được kiểu này): kiểu của các cột được lấy từ schema Parquet

## Tiến độ (dataplay_api::Stage) và việc trang đang chờ
sample-retail = dữ liệu mẫu bán lẻ (seed ngẫu nhiên { $seed }, { $size } mục giao dịch)
sample-media = dữ liệu mẫu truyền thông (seed ngẫu nhiên { $seed }, { $size } sự kiện)
progress-reading = Đang đọc { $file }
progress-parsing = Đang phân tích cú pháp { $file }
progress-generating = Đang tạo { $sample }
progress-rereading = Đang đọc lại { $dataset }
progress-running_etl = Đang chạy pipeline ETL
progress-lake = Đang xử lý trong hồ dữ liệu và kho dữ liệu
progress-step = { $message } ({ $step }/{ $steps })
task-loading = Đang tải { $files }
task-generating = Đang tạo dữ liệu mẫu
task-rereading = Đang đọc lại { $dataset }
task-etl = Đang chạy pipeline ETL
task-lake-list = Đang liệt kê nội dung hồ dữ liệu
task-lake-load_sample = Đang nạp dữ liệu mẫu truyền thông vào hồ dữ liệu
task-lake-glue = Đang chạy Glue job
task-lake-lake_sql = Đang truy vấn hồ dữ liệu
task-lake-warehouse_sql = Đang chạy script của kho dữ liệu
task-ingesting = Đang nạp { $count } tệp vào hồ dữ liệu
task-restoring = Đang khôi phục các bảng của bạn

## Thông báo
notice-cancelled = Đã hủy: { $task }. Các bảng của bạn vẫn được giữ nguyên.
notice-restore_failed = Không khôi phục được các bảng của bạn sau khi engine khởi động lại.
notice-engine_died = { $why }; engine đã được khởi động lại
notice-engine_unavailable = engine không khởi động được: { $why }
notice-unreadable = engine gửi về một thông điệp không đọc được: { $why }
notice-unreachable = không kết nối được tới engine: { $why }
notice-download_failed = { $file }: không thể bắt đầu tải xuống ({ $why })
notice-not_kept = Đã tải { $file }, nhưng trình duyệt này không lưu được tệp cho lần sau ({ $why }). Khi tải lại trang, tệp sẽ mất. Hãy xóa bớt những bảng bạn không còn cần, hoặc giải phóng dung lượng lưu trữ của trình duyệt.
notice-stored_lost = { $file } đã được lưu từ lần trước nhưng nay trình duyệt không còn giữ tệp này. Hãy tải lại tệp.
notice-import_failed = Không nhập được { $file }: { $why }. Không gian làm việc của bạn vẫn giữ nguyên.
notice-export_failed = Không xuất được không gian làm việc ({ $why }).
notice-state_not_kept = Trình duyệt này không lưu được hồ dữ liệu và kho dữ liệu cho lần sau ({ $why }); những gì đã lưu trước đó vẫn còn. Hãy giải phóng dung lượng lưu trữ của trình duyệt, hoặc đặt lại không gian làm việc ở trang Dữ liệu.
link-bad-part = Không đọc được phần “{ $name }” của đường dẫn (“{ $value }”) nên phần này bị bỏ qua; phần còn lại của đường dẫn vẫn được áp dụng.

ex-title = Bài tập
ex-intro = Mỗi bài tập bắt đầu từ bộ dữ liệu riêng và tự mở trang cần làm. Hãy làm theo yêu cầu trên trang đó, rồi bấm Kiểm tra: kết quả sẽ cho biết chỗ nào còn chưa đúng mà không tiết lộ đáp án.
ex-concept-etl = ETL / ELT
ex-concept-lake = Hồ dữ liệu và kho dữ liệu
ex-concept-cap = Định lý CAP
ex-start = Bắt đầu
ex-solved = đã giải
ex-tries = Số lần kiểm tra: { $count }
ex-check = Kiểm tra
ex-reset = Làm lại từ đầu
ex-close = Đóng
ex-hint = Gợi ý
ex-checking = Đang kiểm tra…
ex-right = Chính xác! Bạn đã trả lời đúng.
ex-load = Mở bộ bài tập…
ex-export = Xuất bài làm của tôi
ex-loading = Đang tải các bài tập…
ex-set-unreadable = { $source } không phải bộ bài tập mà trang này đọc được: { $why }
ex-no-run = Chưa có gì để kiểm tra: hãy làm bài và chạy trước đã.
ex-gate-did-not-stop = Cổng chất lượng vẫn cho lần chạy đi qua.
ex-stopped-by-others = Cổng chất lượng đã dừng lần chạy, nhưng do các phép kiểm tra khác: { $checks }.
ex-check-passed = { $check } vẫn đạt: bài này yêu cầu phép kiểm tra đó không đạt.
ex-stopped = Cổng chất lượng đã dừng lần chạy: không có gì được tải vào kho dữ liệu.
ex-changed = Số dòng được thêm mới hoặc cập nhật: { $rows }.
ex-no-segment = Không có phân khúc nào tên { $label }.
ex-segment-count = Số khách hàng thuộc phân khúc { $label }: { $got }.
ex-files-skipped = Số tệp của { $table } được bỏ qua: { $got }.
ex-no-stale-read = Hệ AP không trả về lần đọc dữ liệu cũ nào.
ex-cp-not-linearizable = Lịch sử của hệ CP không linearizable.
ex-ap-linearizable = Lịch sử của hệ AP vẫn linearizable.
ex-no-split = Các sự cố chưa tách những trung tâm dữ liệu đó khỏi các trung tâm dữ liệu còn lại.
ex-no-rejected-write = Hệ CP không từ chối lần ghi nào.
ex-no-quorum-run = Chưa có lần chạy nào ở chế độ quorum: hãy chọn N/R/W.
ex-no-node-down = Chưa có trung tâm dữ liệu nào ngừng hoạt động.
ex-quorum-rejected = Số lượt ghi bị quorum từ chối: { $writes }.
ex-quorum-not-linearizable = Lịch sử ở chế độ quorum không linearizable.
ex-no-siblings = Chưa có lượt đọc nào trả về các phiên bản đồng thời (siblings).
ex-none-updated = Lệnh MERGE chưa cập nhật dòng nào: hãy đổi một tham số làm thay đổi dữ liệu rồi chạy lại.
ex-not-in-warehouse = Các giai đoạn biến đổi đã chạy trong engine: hãy chọn chế độ ELT để chúng chạy ngay trong kho dữ liệu.
ex-segments = Số phân khúc có khách hàng: { $got }.
ex-files = Số tệp trong { $prefix }: { $got }.
ex-not-queried-lake = Chưa có câu truy vấn nào chạy trên hồ dữ liệu.
ex-not-queried-warehouse = Chưa có câu truy vấn nào chạy trong kho dữ liệu.
ex-no-columns-skipped = Câu truy vấn đã đọc mọi cột của { $table } (hoặc chưa đọc bảng này).
ex-declared = Số bảng có dữ liệu trong kho dữ liệu: { $got }.
ex-other-scenario = Lần chạy hiện tại chưa phải kịch bản “{ $scenario }”.
ex-not-loaded = Chưa có bảng { $table }: hãy tải bảng này trước.
ex-not-shown = Trang chưa hiển thị phần này.
ex-table-missing = Chưa có bảng { $dataset }: hãy chạy câu truy vấn của bạn.
ex-columns-missing = Số cột còn thiếu so với đáp án: { $missing }.
ex-columns-unexpected = Các cột không có trong đáp án: { $names }.
ex-table-rows = Số dòng: { $got }, cần { $expected }.
ex-table-first-wrong = Dòng { $row } của bạn ({ $values }) không có trong đáp án.
ex-table-lacking = Số dòng của đáp án còn thiếu: { $lacking }.
ex-replace-lake = Bài tập này bắt đầu từ hồ dữ liệu riêng: { $files } tệp đang có trong hồ dữ liệu (cùng các bảng đã khai báo trong kho dữ liệu ở trang Hồ & kho dữ liệu) sẽ bị thay thế. Vẫn bắt đầu?
ex-replace-yes = Đồng ý, bắt đầu

## Bài học có hướng dẫn
lesson-title = Bài học
lesson-intro = Ba bài học có hướng dẫn, mỗi bài cho một chủ đề của khóa học. Mỗi bước giải thích một ý, chỉ vào đúng nút hoặc ô cần dùng và giao cho bạn một việc để làm; bước chỉ hoàn thành khi trang hiển thị đúng kết quả. Ở một số bước, bạn cần dự đoán trước: dự đoán của bạn được ghi lại, rồi lần chạy sẽ cho biết bạn đoán đúng hay sai. Tiến độ học được lưu trong trình duyệt này.
lesson-loading = Đang tải các bài học…
lesson-unreadable = { $source } không phải bộ bài học mà trang này đọc được: { $why }
lesson-progress = Đã xong { $passed }/{ $steps } bước
lesson-score = dự đoán đúng { $right }/{ $made }
lesson-replace-lake = Bài học này bắt đầu từ hồ dữ liệu riêng: { $files } tệp đang có trong hồ dữ liệu (cùng các bảng đã khai báo trong kho dữ liệu ở trang Hồ & kho dữ liệu) sẽ bị thay thế. Vẫn bắt đầu?
lesson-resume = Học tiếp từ bước { $step }
lesson-start = Bắt đầu
lesson-start-over = Học lại từ đầu
lesson-step-of = bước { $step }/{ $steps }
lesson-predict = Dự đoán trước:
lesson-guessed = Đã ghi lại dự đoán của bạn. Giờ hãy làm bước này để xem bạn đoán đúng không.
lesson-guess-right = Bạn đoán đúng.
lesson-guess-wrong = Lần này bạn đoán chưa đúng.
lesson-guess-was = Kết quả lần chạy: { $answer } ({ $value }).
lesson-do = Đến lượt bạn:
lesson-not-yet = Chưa xong:
lesson-skipped = Giảng viên đã bỏ qua bước này.
lesson-step-done = Đã xong.
lesson-back = Quay lại
lesson-next = Tiếp theo
lesson-finish = Kết thúc bài học
lesson-skip = Bỏ qua (giảng viên)
lesson-close = Đóng bài học
