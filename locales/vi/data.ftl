# Trang Dữ liệu (tải tệp lên, cách đọc tệp, dữ liệu mẫu) và các thành phần
# dùng chung: trình duyệt bảng, lưới xem trước, kết nối tới connector.

## Tải tệp lên
data-drop-files = Kéo thả tệp CSV, JSON, JSONL hoặc Parquet vào đây, hoặc
data-choose-files = chọn tệp
data-empty = Chưa có bảng nào: hãy kéo thả một tệp hoặc tải dữ liệu mẫu.
data-workspace-kept = Các tệp, dữ liệu mẫu, hồ dữ liệu và kho dữ liệu của bạn được lưu trong trình duyệt này và vẫn còn khi bạn quay lại.
data-workspace-not-kept = Trình duyệt này không lưu được các bảng của bạn cho lần sau (có thể do bạn đang dùng cửa sổ ẩn danh). Các bảng chỉ còn đến khi bạn đóng trang.
data-workspace-reset = Đặt lại không gian làm việc
data-workspace-reset-confirm = Xóa tất cả các bảng, hồ dữ liệu, kho dữ liệu cùng mọi tệp và dữ liệu mẫu đã lưu trong trình duyệt này?
data-workspace-reset-yes = Đồng ý, đặt lại
data-workspace-reset-no = Hủy
data-workspace-saving = Đang lưu…
data-workspace-export = Xuất không gian làm việc
data-workspace-import = Nhập không gian làm việc…
data-workspace-import-confirm = Thay không gian làm việc hiện tại bằng không gian làm việc trong { $file }? Các bảng, hồ dữ liệu và kho dữ liệu bạn đang có sẽ bị thay bằng nội dung của tệp.
data-workspace-import-yes = Đồng ý, nhập
data-workspace-importing = Đang nhập…

## Cách đọc tệp
data-read-options = Cách đọc tệp
data-delimiter = Dấu phân cách
data-delimiter-auto = tự nhận diện
data-delimiter-comma = , dấu phẩy
data-delimiter-semicolon = ; dấu chấm phẩy
data-delimiter-tab = ký tự tab
data-delimiter-pipe = | dấu gạch đứng
data-encoding = Bảng mã
# $key: khóa của bảng mã; $label: tên của nó (UTF-8, Windows-1252…).
data-encoding-name = { $key ->
        [auto] tự nhận diện (UTF-8 / BOM)
        [windows-1258] Windows-1258 (tiếng Việt)
       *[other] { $label }
    }
data-has-header = dòng đầu tiên là tiêu đề
data-parse-dates = nhận diện ngày tháng
data-flatten = làm phẳng JSON lồng nhau
data-reread-failed = Đọc lại { $count ->
        [one] tệp { $files }
       *[other] { $count } tệp bị lỗi ({ $files })
    } với các tùy chọn này
data-reread = Đọc lại tệp đang xem với các tùy chọn này

## Dữ liệu mẫu
data-samples = Dữ liệu mẫu
data-sample-size = Kích thước
data-sample-seed = Seed ngẫu nhiên
data-sample-retail = Các bảng bán lẻ
data-sample-media = JSON của công ty truyền thông

## Trình duyệt bảng và lưới xem trước
data-remove-table = xóa bảng này
# Đứng sau số dòng (nằm trong phần tử riêng).
data-rows-unit = dòng
data-columns = { $count } cột
data-export = Xuất { $format }
# $source: nơi engine đã đọc bảng, theo lời của engine.
data-from-source = nguồn: { $source }
data-type-inferred = suy ra từ dữ liệu
data-type-declared = do nguồn khai báo
data-nulls-title = số giá trị null
data-nulls = { $count } null
data-as-text = đọc dạng văn bản
data-as-text-title = đọc cột này dưới dạng văn bản (giữ các số 0 ở đầu)

## Connector (dataplay serve), trên trang ETL và trang hồ dữ liệu
data-connector-address = Địa chỉ
data-connector-check = Tìm connector
data-connector-unknown = Chưa tìm.
data-connector-checking = Đang tìm…
data-connector-absent = Connector chưa chạy ({ $error }). Hãy khởi động bằng `dataplay serve`; không có connector, bạn vẫn dùng playground bình thường.
data-connector-present = Đã kết nối: { $service } { $version } — nguồn { $source }, kho dữ liệu { $warehouse }, hồ dữ liệu { $lake }
data-connector-none = không có
data-connector-token = Token
data-connector-needs-token = Hãy dán token của connector để sử dụng.

## Where a table came from
origin-etl_stage = đầu ra của một giai đoạn ETL
origin-warehouse_table = bảng trong kho dữ liệu
origin-lake_sql = truy vấn SQL trên hồ dữ liệu
origin-warehouse_sql = truy vấn SQL trong kho dữ liệu
