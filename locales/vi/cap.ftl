# Trang CAP: thiết lập của lần chạy, đồng hồ, bảng của từng chế độ (sơ đồ,
# kết luận, số đo, dòng thời gian, các thao tác), lịch trình sự cố và tiêu đề bảng
# dịch vụ AWS. Tên và câu chuyện của kịch bản, kết luận chi tiết, nhãn thao
# tác và nội dung bảng dịch vụ do engine gửi về.

## Thiết lập của lần chạy
cap-seed = seed ngẫu nhiên
cap-nodes = số trung tâm dữ liệu
cap-siblings = AP giữ các phiên bản đồng thời (siblings)
cap-siblings-help = Cách AP xử lý xung đột: dùng version vector để giữ lại mọi lần ghi đồng thời, không bản nào bị ghi đè
cap-quorum = thêm chế độ quorum
cap-quorum-none = không
cap-quorum-nrw = N,R,W = { $nrw }

## Đồng hồ
cap-play = Phát
cap-pause = Tạm dừng
cap-step = Tiến +25 ms
cap-speed-help = tốc độ phát lại

## Trang
cap-simulating = Đang mô phỏng…
cap-fault-schedule = Lịch trình sự cố: { $faults }. Bấm vào một đường nối để cắt hoặc nối lại, vào một node để làm sập hoặc khởi động lại node đó, tại thời điểm đang xem.
cap-clear-faults = Xóa các sự cố tôi đã thêm
cap-speed = Đã mô phỏng { $events } sự kiện ({ $runs }) và kiểm tra lịch sử thao tác trong { $ms } ms ngay trong worker: { $rate } sự kiện/giây.
cap-runs = CP và AP
cap-runs-with-quorum = CP, AP và quorum
cap-services-title = Các dịch vụ AWS và chế độ mô phỏng tương ứng
cap-service = Dịch vụ
cap-service-consistency = Tính nhất quán
cap-service-use-case = Use case
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
cap-not-linearizable = Không linearizable
cap-undecided = Chưa kết luận được
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
cap-result-rejected = bị từ chối
cap-result-unknown = không rõ
cap-result-stale = dữ liệu cũ
cap-result-ok = ok
# Một thanh trên dòng thời gian: kết quả như engine gửi (ok, fail, info)
# hoặc stale.
cap-bar = { $key } { $label } { $outcome ->
        [ok] ok
        [fail] bị từ chối
        [info] không rõ
        [stale] dữ liệu cũ
       *[other] { $outcome }
    } ({ $note }; { $from }–{ $to } ms)
cap-bar-violation = thuộc chuỗi vi phạm linearizable
cap-bar-jump = bấm để chuyển tới thời điểm này
