// The library call behind `dagc report`: a plan folder in, the report's text
// out, in one of the formats. The CLI only parses flags and writes the file.
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { reportDiagnostics } from '../diagnostics/report.ts';
import { renderHtmlReport } from './html-report.ts';
import { renderMarkdownReport } from './markdown-report.ts';
import type { ReportInput } from './report-input.ts';

export const REPORT_FORMATS = ['html', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function parseReportFormat(text: string): ReportFormat {
  const format = text === 'markdown' ? 'md' : text;
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new DagcUserError([reportDiagnostics.badFormat(text)]);
  return format as ReportFormat;
}

export async function renderReport(input: ReportInput, format: ReportFormat): Promise<string> {
  return format === 'html' ? renderHtmlReport(input) : renderMarkdownReport(input);
}
