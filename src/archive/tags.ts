// What the index stores beside a section's text so that a search needs no row lookup per match:
// the report's status, department and kind as tokens (hex, so any id is one token of letters
// and digits; on PostgreSQL also its year), and a row key ("rid") that orders the index newest year first. The SQL side of
// the same rules is in migrations/*/…_archive_index (triggers); both must agree.

const HEX = (text: string) => [...new TextEncoder().encode(text)].map(b => b.toString(16).padStart(2, '0')).join('')

export const archiveTag = {
  status: (status: string) => `zs${HEX(status)}`,
  department: (id: string) => `zd${HEX(id)}`,
  kind: (kind: string) => `zk${HEX(kind)}`,
  /** the report's year (PostgreSQL: searches read matches newest year first, a slice of years at a time) */
  year: (year: number) => `zy${year}`,
}

/** rids of one year: [(3000 - year) · 2³², (3001 - year) · 2³²): a smaller rid is a newer year. */
const YEAR_SPAN = 2 ** 32
export const RID_ORIGIN_YEAR = 3000

export function ridOfYear(year: number): number {
  return (RID_ORIGIN_YEAR - year) * YEAR_SPAN
}

/** The rid range of a year range (either end open). */
export function ridRange(yearFrom?: number | null, yearTo?: number | null): { min: number; max: number } {
  return {
    min: yearTo ? ridOfYear(yearTo) : 0,
    max: yearFrom ? ridOfYear(yearFrom) + YEAR_SPAN - 1 : Number.MAX_SAFE_INTEGER,
  }
}

/** A rid's year (the inverse of ridOfYear). */
export function yearOfRid(rid: number): number {
  return RID_ORIGIN_YEAR - Math.floor(rid / YEAR_SPAN)
}
