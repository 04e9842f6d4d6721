# Trang CAP: thiết lập của lần chạy, đồng hồ và các điểm dừng, bảng của từng
# chế độ (sơ đồ, kết luận, số đo, dòng thời gian, các thao tác), lịch trình sự
# cố, bảng dịch vụ AWS, cùng các kịch bản, chế độ, thao tác, kết quả và kết
# luận mà engine gửi về dưới dạng mã.

## Thiết lập của lần chạy
cap-seed = seed ngẫu nhiên
cap-nodes = số trung tâm dữ liệu
cap-siblings = AP giữ các phiên bản đồng thời (siblings)
cap-siblings-help = Cách AP xử lý xung đột: version vector giữ song song các lần ghi đồng thời, không bản nào bị ghi đè
cap-quorum = thêm chế độ quorum
cap-quorum-none = không
cap-quorum-nrw = N,R,W = { $nrw }

## Đồng hồ
cap-play = Phát
cap-pause = Tạm dừng
cap-step = Tiến +25 ms
cap-speed-help = nhịp phát lại
cap-pace-events = dừng ở mỗi sự kiện
cap-time = thời điểm trong lần chạy
cap-paused-at = Tạm dừng tại t = { $ms } ms:
cap-paused-op = { $panel }: { $operation }
cap-continue = Tiếp tục
cap-panel-cp = CP
cap-panel-ap = AP
cap-panel-quorum = Quorum

## Trang
cap-simulating = Đang mô phỏng…
cap-fault-schedule = Lịch trình sự cố: { $faults }. Bấm vào một đường nối để cắt hoặc nối lại, bấm vào một node để làm sập hoặc khởi động lại, ngay tại thời điểm hiện tại.
cap-clear-faults = Xóa các sự cố bạn đã thêm
cap-scenario = kịch bản
cap-unknown-scenario = Không có kịch bản nào tên là “{ $scenario }”. Hãy chọn một trong các kịch bản sau:
cap-services-title = Các dịch vụ AWS và chế độ mô phỏng tương ứng
cap-service = Dịch vụ
cap-service-cap = CAP
cap-service-consistency = Tính nhất quán
cap-service-use-case = Trường hợp sử dụng
cap-service-simulated-as = Mô phỏng bằng

## Lịch trình sự cố
cap-faults-none = không có
cap-fault-at = { $fault } lúc { $ms } ms
cap-fault-cut = cắt { $a }{ $arrow }{ $b }
cap-fault-split = tách {"{"}{ $side }{"}"} khỏi phần còn lại
cap-fault-isolate = cô lập { $node }
cap-fault-crash = làm sập { $node }
cap-fault-restart = khởi động lại { $node }
cap-fault-heal-link = nối lại { $a }↔{ $b }
cap-fault-heal-all = nối lại tất cả

## Sơ đồ
cap-link-cut = { $a } ↔ { $b }: bấm để cắt
cap-link-heal = { $a } ↔ { $b }: bấm để nối lại
cap-node-crash = { $node }: bấm để làm sập
cap-node-restart = { $node }: bấm để khởi động lại

## Bảng của một chế độ
cap-linearizable = Linearizable (nhất quán mạnh)
cap-linearizable-so-far = Đến lúc này vẫn linearizable
cap-not-linearizable-since = Không còn linearizable từ { $ms } ms
cap-verdict-explain = Trên khóa { $key }, không có thứ tự nào của các thao tác dưới đây khớp với thời gian của chúng: thao tác cuối không thể có hiệu lực ở bất kỳ thời điểm nào giữa lúc bắt đầu và lúc kết thúc. Bấm vào một thao tác để xem nó trên dòng thời gian.
cap-verdict-later = Đến lúc này chưa có gì sai: bộ kiểm tra sẽ phát hiện vi phạm đầu tiên lúc { $ms } ms.
cap-undecided = Chưa kết luận được: đã duyệt { $explored } trạng thái trên khóa { $key }
cap-rejected-writes = lượt ghi bị từ chối
cap-stale-reads = lượt đọc dữ liệu cũ
cap-stale-of = { $stale } / { $reads }
cap-latency-normal = độ trễ p50 / p99 khi bình thường
cap-latency-faults = độ trễ p50 / p99 khi có sự cố
cap-replication-lag = replication lag (trung bình)
cap-availability = tính sẵn sàng
cap-events-hash = sự kiện / mã băm nhật ký
cap-op-at = node
cap-op-key = khóa
cap-op-operation = thao tác
cap-op-result = kết quả
cap-result-stale = dữ liệu cũ
cap-outcome-ok = ok
cap-outcome-fail = bị từ chối
cap-outcome-info = không rõ
# Một thao tác: ở đâu, khóa nào, làm gì, kết thúc ra sao, lúc nào.
cap-operation = { $node } { $key } { $op } — { $outcome } ({ $from }–{ $to } ms)
# Một thanh trên dòng thời gian.
cap-bar = { $key } { $label } { $outcome } ({ $note }; { $from }–{ $to } ms)
cap-bar-violation = thuộc vi phạm linearizable
cap-bar-jump = bấm để chuyển tới thời điểm này

## Thu phóng dòng thời gian
cap-zoom = thu phóng dòng thời gian
cap-zoom-in = phóng to
cap-zoom-out = thu nhỏ

## Kịch bản: tên và diễn biến
cap-scenario-normal = 1. Hoạt động bình thường
cap-scenario-partition-cp = 2. Phân vùng mạng — CP chọn tính nhất quán
cap-scenario-partition-ap = 3. Phân vùng mạng — AP chọn tính sẵn sàng
cap-scenario-heal = 4. Mạng được khôi phục sau phân vùng
cap-scenario-random = Tải ngẫu nhiên
cap-story-normal = Mọi trung tâm dữ liệu đều hoạt động tốt. Lượt ghi từ us-east được đa số xác nhận; ngay sau đó, lượt đọc nhất quán mạnh từ europe trả về đúng giá trị ấy. Hệ thống vừa nhất quán vừa sẵn sàng, vì chưa có gì hỏng.
cap-story-partition-cp = Mạng bị chia cắt: us-east và europe một bên, us-west và asia một bên. Không bên nào có đa số trong bốn trung tâm dữ liệu. Vì vậy hệ CP từ chối lượt ghi và lượt đọc nhất quán mạnh ở cả hai phía, thay vì để hai bên lệch nhau.
cap-story-partition-ap = Vẫn chia cắt như trên, nhưng với hệ AP. us-west nhận lượt ghi và trả lời ngay; asia, cùng phía, thấy được giá trị mới. europe, ở bên kia phân vùng, vẫn trả lời — nhưng bằng dữ liệu cũ. Bộ kiểm tra đánh dấu lượt đọc đó.
cap-story-heal = Trong lúc mạng bị chia cắt, lượt ghi CP bị từ chối. Khi mạng được nối lại, chính lượt ghi đó thành công, tới được mọi trung tâm dữ liệu, và các lượt đọc nhất quán mạnh ở mọi nơi đều trả về cùng một giá trị.
cap-story-random = Các client ở mọi trung tâm dữ liệu đọc và ghi ngẫu nhiên ba khóa; mạng bị chia 2–2 ở mốc 30% thời gian chạy và được nối lại ở mốc 70%.

## Chế độ
cap-mode-cp = CP — quorum đa số, đọc nhất quán mạnh
cap-mode-ap = AP — node nào cũng nhận ghi, lần ghi sau cùng thắng (last-writer-wins), đọc nhất quán cuối cùng
cap-mode-ap-siblings = AP — node nào cũng nhận ghi, version vector giữ các lần ghi đồng thời làm siblings, đọc nhất quán cuối cùng
cap-mode-quorum = Quorum N={ $n } R={ $r } W={ $w }, đọc nhất quán mạnh

## Thao tác
cap-op-read = đọc
cap-op-read-value = đọc → { $value }
cap-op-read-siblings = đọc → siblings {"{"}{ $values }{"}"}
cap-op-write = ghi { $value }
cap-op-cas = cas [{ $from }, { $to }]

## Thông điệp giữa các trung tâm dữ liệu
cap-message-query = truy vấn
cap-message-query-reply = trả lời truy vấn
cap-message-store = lưu bản sao
cap-message-store-ack = xác nhận đã lưu

## Bảng dịch vụ AWS
cap-class-cp = CP
cap-class-ap = AP
cap-consistency-eventual-strong-on-request = Mặc định nhất quán cuối cùng, có thể chọn nhất quán mạnh
cap-consistency-strong-in-region = Nhất quán mạnh trong phạm vi một region
cap-consistency-strong-configurable-reads = Nhất quán mạnh, cấu hình được cách đọc (read preference)
cap-consistency-eventual-cluster-mode = Nhất quán cuối cùng ở chế độ cluster
cap-use-case-high-scale = ứng dụng quy mô lớn
cap-use-case-gaming-leaderboards = bảng xếp hạng game
cap-use-case-iot = IoT
cap-use-case-oltp = ứng dụng OLTP
cap-use-case-financial = hệ thống tài chính
cap-use-case-content-management = quản lý nội dung
cap-use-case-catalogs = danh mục sản phẩm
cap-use-case-session-storage = lưu session
cap-use-case-real-time-analytics = phân tích thời gian thực
