import type { ApiErrorCode, ErrorParams, RosterErrorCode } from '../protocol/errors';
import type { Lang } from './index';

type Wording = (p: ErrorParams) => string;

/** Field names a 400 may carry (`params.fields`, `params.field`, `params.column`), in the user's words. */
const FIELD_WORDS: Record<Lang, Record<string, string>> = {
  vi: {
    name: 'họ tên',
    phone: 'số điện thoại',
    idNumber: 'số CCCD',
    validUntil: 'ngày hết hạn',
    email: 'email',
    password: 'mật khẩu',
    code: 'mã',
    group: 'lớp / tổ',
    role: 'vai trò',
    from: 'từ ngày',
    to: 'đến ngày',
    day: 'ngày',
    q: 'ô tìm kiếm',
    subject: 'mã khách',
    policy: 'cài đặt lưu trữ',
    orgId: 'đơn vị',
    parentId: 'đơn vị cha',
    id: 'mã định danh',
    pass: 'phiếu',
  },
  en: {
    name: 'name',
    phone: 'phone number',
    idNumber: 'ID card number',
    validUntil: 'valid-until date',
    email: 'email',
    password: 'password',
    code: 'code',
    group: 'class / team',
    role: 'role',
    from: 'from date',
    to: 'to date',
    day: 'day',
    q: 'search box',
    subject: 'visitor code',
    policy: 'retention settings',
    orgId: 'organisation',
    parentId: 'parent organisation',
    id: 'identifier',
    pass: 'pass',
  },
};

/** `name,phone` → "họ tên, số điện thoại" (unknown names as they are: they are field names, not user data). */
function fieldList(lang: Lang, value: string | number | undefined): string {
  return String(value ?? '')
    .split(',')
    .filter(Boolean)
    .map((f) => FIELD_WORDS[lang][f.trim()] ?? f.trim())
    .join(', ');
}

const vi: Record<ApiErrorCode, Wording> = {
  bad_request: (p) => (p.fields ? `Thông tin chưa đúng: ${fieldList('vi', p.fields)}.` : 'Yêu cầu không hợp lệ.'),
  bad_query: (p) => (p.fields ? `Điều kiện tìm chưa đúng: ${fieldList('vi', p.fields)}.` : 'Điều kiện tìm không hợp lệ.'),
  bad_json: () => 'Dữ liệu gửi lên bị hỏng.',
  bad_encoding: () => 'Dữ liệu nén gửi lên bị hỏng.',
  body_too_large: () => 'Dữ liệu gửi lên quá lớn.',
  unsupported_media_type: () => 'Loại dữ liệu gửi lên không được hỗ trợ.',
  unsupported_encoding: () => 'Kiểu nén dữ liệu không được hỗ trợ.',
  unsupported_type: () => 'Hãy gửi chính tệp CSV.',
  not_found: () => 'Không tìm thấy.',
  rate_limited: () => 'Thử quá nhiều lần. Hãy đợi một phút.',
  internal: () => 'Máy chủ gặp lỗi. Hãy thử lại sau.',
  unauthorized: () => 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.',
  invalid_credentials: () => 'Sai email hoặc mật khẩu.',
  bad_origin: () => 'Yêu cầu từ trang khác bị từ chối.',
  forbidden: (p) =>
    p.reason === 'site_scope'
      ? 'Địa điểm này không thuộc đơn vị của bạn.'
      : p.reason === 'org_admin_only'
        ? 'Chỉ quản trị đơn vị mới được làm việc này.'
        : p.reason === 'own_root'
          ? 'Không thể chuyển đơn vị gốc của chính bạn.'
          : 'Đơn vị này không thuộc phạm vi của bạn.',
  read_only: () => 'Vai trò của bạn chỉ được xem, không được thay đổi.',
  bad_batch: () => 'Gói dữ liệu đồng bộ không hợp lệ.',
  revoked: () => 'Máy kiosk này đã bị thu hồi.',
  device_unknown: () => 'Máy chủ không nhận ra máy kiosk này. Hãy đăng ký lại.',
  unknown_code: () => 'Mã đăng ký không tồn tại. Hãy xin đường dẫn mới.',
  code_used: () => 'Mã đăng ký đã được dùng. Hãy xin đường dẫn mới.',
  code_expired: () => 'Mã đăng ký đã hết hạn. Hãy xin đường dẫn mới.',
  cycle: () => 'Không thể chuyển một đơn vị vào chính nó hoặc đơn vị con của nó.',
  conflict: () => 'Đơn vị cha không còn tồn tại.',
  bad_pass: (p) => `Không thể cấp phiếu này: ${fieldList('vi', p.field ?? 'pass')} không hợp lệ.`,
  trace_too_long: () => 'Người này có quá nhiều lượt đến trong khoảng thời gian đã chọn. Hãy truy vết một khoảng ngắn hơn.',
  webhook_address_refused: () => 'Địa chỉ này nằm trong mạng nội bộ (localhost, 10.x, 192.168.x…): máy chủ không gửi webhook tới đó. Hãy dùng địa chỉ công khai.',
  too_many_requests: () => 'Quá nhiều lần đăng nhập từ máy này. Hãy đợi một phút rồi thử lại.',
  unstorable_value: () => 'Dữ liệu có ký tự không lưu được (ví dụ ký tự rỗng). Hãy sửa rồi gửi lại.',
  too_deep: () => 'Cây đơn vị không được sâu quá 16 cấp.',
};

const en: Record<ApiErrorCode, Wording> = {
  bad_request: (p) => (p.fields ? `Please check: ${fieldList('en', p.fields)}.` : 'The request is not valid.'),
  bad_query: (p) => (p.fields ? `Please check the filter: ${fieldList('en', p.fields)}.` : 'The filter is not valid.'),
  bad_json: () => 'The data sent was damaged.',
  bad_encoding: () => 'The compressed data sent was damaged.',
  body_too_large: () => 'The data sent is too large.',
  unsupported_media_type: () => 'This kind of data is not supported.',
  unsupported_encoding: () => 'This compression is not supported.',
  unsupported_type: () => 'Send the CSV file itself.',
  not_found: () => 'Not found.',
  rate_limited: () => 'Too many tries. Wait a minute.',
  internal: () => 'The server had a problem. Try again later.',
  unauthorized: () => 'Your session has expired. Sign in again.',
  invalid_credentials: () => 'Wrong email or password.',
  bad_origin: () => 'A request from another site was refused.',
  forbidden: (p) =>
    p.reason === 'site_scope'
      ? 'This site is not in your organisation.'
      : p.reason === 'org_admin_only'
        ? 'Only an organisation admin may do this.'
        : p.reason === 'own_root'
          ? 'You cannot move your own root organisation.'
          : 'This organisation is not in your scope.',
  read_only: () => 'Your role may read but not change anything.',
  bad_batch: () => 'The sync batch is not valid.',
  revoked: () => 'This kiosk was revoked.',
  device_unknown: () => 'The server does not know this kiosk. Enrol it again.',
  unknown_code: () => 'This enrolment code does not exist. Ask for a new link.',
  code_used: () => 'This enrolment code was already used. Ask for a new link.',
  code_expired: () => 'This enrolment code has expired. Ask for a new link.',
  cycle: () => 'An organisation cannot move under itself or one of its own units.',
  conflict: () => 'The parent organisation no longer exists.',
  bad_pass: (p) => `This pass cannot be issued: the ${fieldList('en', p.field ?? 'pass')} is not valid.`,
  trace_too_long: () => 'This person has too many visits in the chosen period. Trace a shorter one.',
  webhook_address_refused: () => 'This address is on a private network (localhost, 10.x, 192.168.x…): the server does not send webhooks there. Use a public address.',
  too_many_requests: () => 'Too many sign-ins from this device. Wait a minute and try again.',
  unstorable_value: () => 'The data holds a character that cannot be stored (such as a null character). Fix it and send it again.',
  too_deep: () => 'The organisation tree may not be deeper than 16 levels.',
};

/** Every server error code, worded in each language (the type forces a wording for each new code). */
export const API_ERROR_WORDING: Record<Lang, Record<ApiErrorCode, Wording>> = { vi, en };

const rosterVi: Record<RosterErrorCode, Wording> = {
  empty_file: () => 'Tệp trống.',
  missing_columns: (p) => `Dòng tiêu đề phải có cột mã và họ tên (thiếu: ${fieldList('vi', p.missing)}).`,
  too_many_rows: (p) => `Danh sách có tối đa ${p.max} dòng.`,
  column_count: (p) => `Cần ${p.expected} cột, dòng này có ${p.found}.`,
  control_characters: (p) => `Cột ${fieldList('vi', p.column)} có ký tự điều khiển (xuống dòng, tab).`,
  missing_code: () => 'Thiếu mã.',
  missing_name: () => 'Thiếu họ tên.',
  too_long: (p) => `Cột ${fieldList('vi', p.column)} quá dài (tối đa ${p.max} ký tự).`,
  duplicate_code: (p) => `Mã ${p.code} bị trùng (cũng có ở dòng ${p.otherLine}).`,
  unclosed_quote: () => 'Có dấu ngoặc kép chưa được đóng.',
};

const rosterEn: Record<RosterErrorCode, Wording> = {
  empty_file: () => 'The file is empty.',
  missing_columns: (p) => `The header row must name the code and name columns (missing: ${fieldList('en', p.missing)}).`,
  too_many_rows: (p) => `A roster holds at most ${p.max} rows.`,
  column_count: (p) => `Expected ${p.expected} columns, found ${p.found}.`,
  control_characters: (p) => `The ${fieldList('en', p.column)} contains control characters (line breaks, tabs).`,
  missing_code: () => 'The code is missing.',
  missing_name: () => 'The name is missing.',
  too_long: (p) => `The ${fieldList('en', p.column)} is too long (at most ${p.max} characters).`,
  duplicate_code: (p) => `Code ${p.code} appears twice (also on line ${p.otherLine}).`,
  unclosed_quote: () => 'A quoted field is never closed.',
};

/** Every roster row error, worded in each language. */
export const ROSTER_ERROR_WORDING: Record<Lang, Record<RosterErrorCode, Wording>> = { vi: rosterVi, en: rosterEn };

/** A server error in the user's language; a code this client does not know yet gets a generic line with the code. */
export function wordApiError(lang: Lang, code: string, params: ErrorParams = {}): string {
  const wording = (API_ERROR_WORDING[lang] as Record<string, Wording | undefined>)[code];
  if (wording) return wording(params);
  return lang === 'vi' ? `Có lỗi (${code}).` : `Something went wrong (${code}).`;
}

/** A roster row error in the user's language. */
export function wordRosterError(lang: Lang, code: RosterErrorCode, params: ErrorParams = {}): string {
  return ROSTER_ERROR_WORDING[lang][code](params);
}
