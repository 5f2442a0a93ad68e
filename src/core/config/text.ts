/** Limits on text that comes from a link or a file, and how it is shown back (never whole, never raw). */

/** Raw text from a link or a command line, cut short so a hostile 100k-character value cannot flood a notice. */
export function clip(raw: string, max = 40): string {
  const oneLine = raw.replace(/[\u0000-\u001f\u007f]/g, '?');
  return oneLine.length > max ? `${oneLine.slice(0, max)}… (${raw.length} characters)` : oneLine;
}

/** Notices shown for one link: a person reads a dozen; a link with 3,000 bad parameters gets a count. */
export const MAX_NOTICES = 12;

/** The first MAX_NOTICES notices and, past them, one line saying how many more there were. */
export function capNotices(notices: readonly string[], max = MAX_NOTICES): string[] {
  if (notices.length <= max) return [...notices];
  return [...notices.slice(0, max), `…and ${notices.length - max} more`];
}
