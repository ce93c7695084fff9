// JSON text from a user (a file, stdin, an upload): a UTF-8 byte-order mark at its start is not part of the JSON
// (editors on Windows write one), so it is dropped before parsing. No imports: the renderer uses it too.

const BYTE_ORDER_MARK = '\uFEFF';

/** `text` without a leading byte-order mark. */
export function stripByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text;
}

/** JSON.parse of user text, a leading byte-order mark ignored (throws JSON.parse's SyntaxError otherwise). */
export function parseUserJson(text: string): unknown {
  return JSON.parse(stripByteOrderMark(text));
}
