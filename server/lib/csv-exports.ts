import type { Contact, ContactVisit, ExportLang, UnitReport, Visit } from '../../src/protocol';
import { localTimeCell, toCsv } from './csv';

/** The unit report's column titles: the province form's, verbatim, in Vietnamese (issue #5), then ours. */
export const UNIT_REPORT_COLUMNS: Record<ExportLang, readonly string[]> = {
  vi: ['Đơn vị', 'Tổng số mã QR địa điểm đã tạo và quản lý', 'Tổng số lượt quét mã QR', 'Số khách (không trùng)'],
  en: ['Unit', 'Location QR codes created and managed', 'QR code scans', 'Visitors (distinct)'],
};
const TOTAL: Record<ExportLang, string> = { vi: 'Tổng cộng', en: 'Total' };

type Cells = Array<string | number | null | undefined>;

export const TRACE_VISIT_COLUMNS: Record<ExportLang, readonly string[]> = {
  vi: ['Mã địa điểm', 'Địa điểm', 'Mã khách', 'Họ tên', 'Giờ vào', 'Giờ ra', 'Tính đến'],
  en: ['Site id', 'Site', 'Visitor key', 'Name', 'Time in', 'Time out', 'Counted until'],
};
export const TRACE_CONTACT_COLUMNS: Record<ExportLang, readonly string[]> = {
  vi: ['Mã khách', 'Họ tên', 'Tổng số phút trùng', 'Mã địa điểm', 'Địa điểm', 'Giờ vào', 'Giờ ra', 'Bắt đầu trùng', 'Kết thúc trùng', 'Số phút trùng'],
  en: ['Visitor key', 'Name', 'Total overlap minutes', 'Site id', 'Site', 'Time in', 'Time out', 'Overlap from', 'Overlap until', 'Overlap minutes'],
};

/** The unit report as CSV: org names indented by depth (defused like any cell), then the totals row. */
export function unitReportCsv(report: UnitReport, lang: ExportLang): string {
  return toCsv(UNIT_REPORT_COLUMNS[lang], [
    ...report.rows.map((r) => [`${'  '.repeat(r.depth)}${r.name}`, r.locationCodes, r.scans, r.visitors]),
    [TOTAL[lang], report.totals.locationCodes, report.totals.scans, report.totals.visitors],
  ]);
}

/** One row of the trace's visits CSV, times as local wall time in `timeZone` (GATELOG_TZ). */
export function traceVisitCells(v: Visit, timeZone: string): Cells {
  return [v.siteId, v.siteName, v.subject, v.name, localTimeCell(v.timeIn, timeZone), localTimeCell(v.timeOut, timeZone), localTimeCell(v.effectiveOut, timeZone)];
}

/** One row of the trace's contacts CSV: a contact's visit, with the contact's total overlap. */
export function traceContactCells(c: Contact, v: ContactVisit, timeZone: string): Cells {
  const time = (iso: string | null) => localTimeCell(iso, timeZone);
  return [
    c.subject, c.name, Math.round(c.overlapSeconds / 60), v.siteId, v.siteName,
    time(v.timeIn), time(v.timeOut), time(v.overlapStart), time(v.overlapEnd), Math.round(v.overlapSeconds / 60),
  ];
}
