#include "archive/RejectReason.h"

namespace kc {

std::string_view rejectReasonCode(RejectReason reason) {
    switch (reason) {
        case RejectReason::AbsolutePath:
            return "absolute_path";
        case RejectReason::DriveLetter:
            return "drive_letter";
        case RejectReason::ParentDirectory:
            return "parent_directory";
        case RejectReason::Backslash:
            return "backslash";
        case RejectReason::BadName:
            return "bad_name";
        case RejectReason::NameTooLong:
            return "name_too_long";
        case RejectReason::Symlink:
            return "symlink";
        case RejectReason::Hardlink:
            return "hardlink";
        case RejectReason::Device:
            return "device";
        case RejectReason::Fifo:
            return "fifo";
        case RejectReason::NotRegularFile:
            return "not_regular_file";
        case RejectReason::Encrypted:
            return "encrypted";
    }
    return "unknown";
}

std::string_view rejectReasonMessage(RejectReason reason) {
    switch (reason) {
        case RejectReason::AbsolutePath:
            return "Đường dẫn tuyệt đối không được phép trong tệp nén";
        case RejectReason::DriveLetter:
            return "Đường dẫn có ký hiệu ổ đĩa (như C:) không được phép trong tệp nén";
        case RejectReason::ParentDirectory:
            return "Đường dẫn chứa thành phần \"..\" trỏ ra ngoài thư mục của tệp nén";
        case RejectReason::Backslash:
            return "Tên tệp chứa dấu gạch chéo ngược \"\\\"";
        case RejectReason::BadName:
            return "Tên tệp rỗng, chứa ký tự điều khiển hoặc không giải mã được";
        case RejectReason::NameTooLong:
            return "Tên tệp hoặc đường dẫn quá dài";
        case RejectReason::Symlink:
            return "Liên kết tượng trưng (symlink) không được chấp nhận";
        case RejectReason::Hardlink:
            return "Liên kết cứng (hardlink) không được chấp nhận";
        case RejectReason::Device:
            return "Tệp thiết bị không được chấp nhận";
        case RejectReason::Fifo:
            return "Tệp đường ống (FIFO) không được chấp nhận";
        case RejectReason::NotRegularFile:
            return "Mục này không phải là tệp thông thường";
        case RejectReason::Encrypted:
            return "Tệp được mã hóa bằng mật khẩu, hệ thống không đọc được nội dung";
    }
    return "Mục không hợp lệ";
}

}  // namespace kc
