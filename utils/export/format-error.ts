/**
 * A file that cannot be imported, and what to tell its reader: where the problem is
 * (`notes[12].selectors[0].start`, `line 3, column 7`) and what is wrong, in words. Every format's
 * reader (backup, CSV, W3C annotations) reports through it. Pure.
 */
import type * as v from 'valibot';

/** A file that cannot be imported. The message names the problem and where it is. */
export class FormatError extends Error {
  override name = 'FormatError';
  constructor(
    message: string,
    /** Where in the file, e.g. `notes[12].selectors[0].start` or `row 5`. */
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}

/**
 * JSON.parse with errors a reader can act on: an empty file, a file cut short (an interrupted
 * download or copy), or the position of the first bad character.
 */
export function parseJson(text: string): unknown {
  if (typeof text !== 'string') throw new FormatError('expected the file as text');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trimEnd();
  if (!trimmed.trim()) throw new FormatError('the file is empty');
  try {
    return JSON.parse(body);
  } catch (error) {
    if (error instanceof RangeError) throw new FormatError('the file is nested too deeply to be Verbatim data');
    const message = error instanceof Error ? error.message : String(error);
    const position = errorOffset(body, message);
    // V8 reports "Unexpected end of JSON input" or a position at the end; Firefox "end of data",
    // Safari "Unexpected EOF"; all of them "unterminated string" for a file cut inside a string.
    const endsEarly =
      /end of (JSON )?(input|data)|unexpected EOF|unterminated/i.test(message) ||
      (position !== undefined && position >= trimmed.length);
    if (endsEarly) throw new FormatError('the file ends early (it was cut short: download or copy it again)');
    throw new FormatError(`not valid JSON${position === undefined ? '' : ` (${lineColumn(body, position)})`}`);
  }
}

/** Where a JSON.parse error happened: V8's `at position N`, Firefox's `line L column C`. */
function errorOffset(text: string, message: string): number | undefined {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (!lc) return undefined;
  let offset = 0;
  for (let line = 1; line < Number(lc[1]); line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset + Number(lc[2]) - 1;
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

/** `path.key`, `path[3]` or `path["odd key"]`: a JSON path as a reader writes it. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

/** `notes[12].selectors[0].start` for an issue's path. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    path = joinPath(path, typeof key === 'number' ? key : String(key));
  }
  return path;
}

/** What is wrong, in words: `expected a non-negative integer, got -1`. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const got = issue.received;
  switch (issue.type) {
    case 'integer':
      return `expected an integer, got ${got}`;
    case 'min_value':
      return issue.requirement === 0 ? `expected a non-negative integer, got ${got}` : `too small, got ${got}`;
    case 'max_value':
      return `too large (at most ${String(issue.requirement)}), got ${got}`;
    case 'max_length':
      return `too long (${got} > ${String(issue.requirement)})`;
    case 'min_length':
      return issue.requirement === 1 ? 'must not be empty' : `too short (${got} < ${String(issue.requirement)})`;
    case 'url':
      return `not a valid URL, got ${truncate(got)}`;
    case 'regex':
    case 'check':
    case 'raw_check':
      return issue.message;
    case 'iso_timestamp':
      return `expected an ISO 8601 date, got ${truncate(got)}`;
    case 'picklist':
    case 'literal':
      return `expected ${issue.expected}, got ${truncate(got)}`;
    case 'variant':
      return `unknown type ${truncate(got)}`;
    default:
      if (issue.kind === 'schema') {
        return got === 'undefined' ? 'missing' : `expected ${issue.expected}, got ${truncate(got)}`;
      }
      return issue.message;
  }
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** A FormatError for a schema issue: its path, what is wrong, and which record. */
export function issueError(issue: v.BaseIssue<unknown>, input?: unknown): FormatError {
  const path = issuePath(issue);
  let message = describeIssue(issue);
  const top = issue.path?.[0];
  const index = issue.path?.[1];
  if (input && top && index && (top.key === 'notes' || top.key === 'articles') && typeof index.key === 'number') {
    const record = (input as Record<string, unknown[]>)[top.key]?.[index.key] as { id?: unknown } | undefined;
    if (typeof record?.id === 'string' && !path.endsWith('.id')) {
      message += ` (${top.key === 'notes' ? 'note' : 'article'} ${JSON.stringify(truncate(record.id))})`;
    }
  }
  return new FormatError(message, path || undefined);
}
