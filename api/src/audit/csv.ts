import type { AuditEventResponse } from './dto/audit-event.dto';

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`), or that
 * some read the same way after a leading tab or carriage return. The export
 * holds names anyone with a little access chose (a key, a role, a member),
 * so such a cell is prefixed with `'` and shows as the text it is (CWE-1236).
 *
 * A spreadsheet set to a locale whose lists use `;`, or one that splits on
 * tabs, cuts our comma-separated cells again at each `;`, tab or line break,
 * and may trim the spaces before a piece: so every such piece is judged as a
 * cell of its own, and gets its `'` right after the separator.
 */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;
/** Splits after each `;`, tab or line break, keeping it at the end of the piece before. */
const PIECES = /(?<=[;\t\r\n])/;

const defused = (value: string) =>
  value
    .split(PIECES)
    .map((piece) => (FORMULA_START.test(piece) ? `'${piece}` : piece))
    .join('');

/** One field (RFC 4180): quoted when it holds a comma, a quote or a line break, with its quotes doubled. */
export function csvField(value: string | null): string {
  const text = value === null ? '' : defused(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 writes them. */
export function csvRecord(fields: (string | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export const AUDIT_CSV_HEADER = [
  'occurred_at',
  'action',
  'actor_type',
  'actor_id',
  'actor_name',
  'actor_email',
  'actor_masked_key',
  'target_type',
  'target_id',
  'target_name',
  'changes',
  'ip',
  'user_agent',
];

function auditRecord(e: AuditEventResponse): string {
  return csvRecord([
    e.occurredAt.toISOString(),
    e.action,
    e.actor.type,
    e.actor.id,
    e.actor.name,
    e.actor.email,
    e.actor.maskedKey,
    e.target.type,
    e.target.id,
    e.target.name,
    // JSON, as the API returns it: names may hold any character, so no separator of ours could be unambiguous.
    e.changes === null ? null : JSON.stringify(e.changes),
    e.ip,
    e.userAgent,
  ]);
}

/** The header, then one chunk of records per batch: as much of the file as is in memory at a time. */
export async function* auditCsv(batches: AsyncIterable<AuditEventResponse[]>): AsyncGenerator<string> {
  yield csvRecord(AUDIT_CSV_HEADER);
  for await (const batch of batches) yield batch.map(auditRecord).join('');
}
