// Turns any ASL name (spaces, punctuation, unicode, 80 characters) into a
// spec identifier (^[A-Za-z][A-Za-z0-9_-]{0,63}$), deterministically and
// uniquely: accents are dropped (é → e), every other run of characters an
// identifier cannot hold becomes '-', a name that does not start with a
// letter gets a prefix, long names are cut, and a name already taken gets
// '-2', '-3', … in the order names are allocated (document order), so the
// same definition always gives the same identifiers. The original name is
// kept beside it (app.yaml comments), never lost.

export const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const MAX_LENGTH = 64;

/** Letters NFKD does not decompose into ASCII, spelled as their languages spell them. */
const SPELLED: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', þ: 'th', Þ: 'Th' };

export function sanitizeIdentifier(name: string, prefix: string): string {
  const ascii = name.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[ßæÆœŒøØłŁđĐþÞ]/g, (c) => SPELLED[c]!);
  let text = ascii.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  if (text === '') return prefix;
  if (!/^[A-Za-z]/.test(text)) text = `${prefix}-${text}`;
  return text.slice(0, MAX_LENGTH).replace(/-+$/, '');
}

/** Hands out unique identifiers within one namespace (steps, or functions). */
export class IdentifierAllocator {
  private readonly taken = new Set<string>();
  constructor(private readonly prefix: string) {}

  allocate(name: string): string {
    const base = sanitizeIdentifier(name, this.prefix);
    let candidate = base;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) {
      const suffix = `-${n}`;
      candidate = `${base.slice(0, MAX_LENGTH - suffix.length)}${suffix}`;
    }
    // Case-insensitive: profiles/<function>.json must not collide on case-insensitive file systems.
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
