/**
 * Parsers for the values sources write: dates, states, detainer forms. Pure; each returns
 * `null` for a blank value and `undefined` for a value it cannot read, so callers can tell
 * "unknown" (null) from "malformed" (an unparseable row).
 */
import { DETAINER_FORMS, isIsoDate, type DetainerForm } from './record.ts'

/**
 * Reads the date part of `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DDTHH:MM:SS[Z]` or
 * U.S. `M/D/YYYY` (with an optional time after it).
 *
 * @example
 * ```ts
 * parseSourceDate('10/1/2015') // '2015-10-01'
 * parseSourceDate('2024-03-07 00:00:00') // '2024-03-07'
 * parseSourceDate('') // null
 * parseSourceDate('2/30/2019') // undefined
 * ```
 */
export function parseSourceDate(text: string | undefined): string | null | undefined {
  const t = (text ?? '').trim()
  if (t === '' || /^(na|nan|null|none|nat)$/i.test(t)) return null
  let iso: string | undefined
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(t)
  if (isoMatch) iso = `${isoMatch[1]}-${pad2(isoMatch[2])}-${pad2(isoMatch[3])}`
  const usMatch = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i.exec(t)
  if (usMatch) iso = `${usMatch[3]}-${pad2(usMatch[1])}-${pad2(usMatch[2])}`
  return iso !== undefined && isIsoDate(iso) ? iso : undefined
}

/**
 * Reads a date with an explicit format made of `YYYY`, `MM`/`M`, `DD`/`D` and literal separators.
 *
 * @example
 * ```ts
 * parseDateWithFormat('07.03.2024', 'DD.MM.YYYY') // '2024-03-07'
 * ```
 */
export function parseDateWithFormat(text: string | undefined, format: string): string | null | undefined {
  const t = (text ?? '').trim()
  if (t === '') return null
  const parts: string[] = []
  const pattern = format.replace(/YYYY|MM|DD|M|D|[.*+?^${}()|[\]\\]/g, (token) => {
    if (token === 'YYYY') {
      parts.push('y')
      return '(\\d{4})'
    }
    if (token === 'MM' || token === 'M' || token === 'DD' || token === 'D') {
      parts.push(token[0] === 'M' ? 'm' : 'd')
      return token.length === 2 ? '(\\d{2})' : '(\\d{1,2})'
    }
    return `\\${token}`
  })
  const m = new RegExp(`^${pattern}(?:[ T].*)?$`).exec(t)
  if (!m) return undefined
  const get = (p: string) => m[parts.indexOf(p) + 1] ?? ''
  const iso = `${get('y')}-${pad2(get('m'))}-${pad2(get('d'))}`
  return isIsoDate(iso) ? iso : undefined
}

function pad2(text: string | undefined): string {
  return (text ?? '').padStart(2, '0')
}

/** U.S. states, D.C. and territories: name → two-letter code. */
export const STATE_CODES: Readonly<Record<string, string>> = {
  ALABAMA: 'al', ALASKA: 'ak', ARIZONA: 'az', ARKANSAS: 'ar', CALIFORNIA: 'ca', COLORADO: 'co', CONNECTICUT: 'ct',
  DELAWARE: 'de', 'DISTRICT OF COLUMBIA': 'dc', FLORIDA: 'fl', GEORGIA: 'ga', HAWAII: 'hi', IDAHO: 'id', ILLINOIS: 'il',
  INDIANA: 'in', IOWA: 'ia', KANSAS: 'ks', KENTUCKY: 'ky', LOUISIANA: 'la', MAINE: 'me', MARYLAND: 'md',
  MASSACHUSETTS: 'ma', MICHIGAN: 'mi', MINNESOTA: 'mn', MISSISSIPPI: 'ms', MISSOURI: 'mo', MONTANA: 'mt',
  NEBRASKA: 'ne', NEVADA: 'nv', 'NEW HAMPSHIRE': 'nh', 'NEW JERSEY': 'nj', 'NEW MEXICO': 'nm', 'NEW YORK': 'ny',
  'NORTH CAROLINA': 'nc', 'NORTH DAKOTA': 'nd', OHIO: 'oh', OKLAHOMA: 'ok', OREGON: 'or', PENNSYLVANIA: 'pa',
  'RHODE ISLAND': 'ri', 'SOUTH CAROLINA': 'sc', 'SOUTH DAKOTA': 'sd', TENNESSEE: 'tn', TEXAS: 'tx', UTAH: 'ut',
  VERMONT: 'vt', VIRGINIA: 'va', WASHINGTON: 'wa', 'WEST VIRGINIA': 'wv', WISCONSIN: 'wi', WYOMING: 'wy',
  'PUERTO RICO': 'pr', GUAM: 'gu', 'U.S. VIRGIN ISLANDS': 'vi', 'VIRGIN ISLANDS': 'vi', 'AMERICAN SAMOA': 'as',
  'NORTHERN MARIANA ISLANDS': 'mp',
}

const CODES = new Set(Object.values(STATE_CODES))

/**
 * A state name or two-letter code as a lower-case code.
 *
 * @example
 * ```ts
 * stateCode('PENNSYLVANIA') // 'pa'
 * stateCode('Tx') // 'tx'
 * stateCode('') // null
 * stateCode('Atlantis') // undefined
 * ```
 */
export function stateCode(text: string | undefined): string | null | undefined {
  const t = (text ?? '').trim()
  if (t === '') return null
  const upper = t.toUpperCase().replace(/\s+/g, ' ')
  if (/^[A-Z]{2}$/.test(upper) && CODES.has(upper.toLowerCase())) return upper.toLowerCase()
  return STATE_CODES[upper] ?? undefined
}

/**
 * Reads a detainer form from the way ICE writes it ("I247A - Immigration Detainer - …",
 * "I-247D", "Form I-247").
 *
 * @example
 * ```ts
 * parseDetainerForm('I247A - Immigration Detainer - Notice of Action') // 'I-247A'
 * parseDetainerForm('I247 - Immigration Detainer - Notice of Action (prior to March 2013)') // 'I-247'
 * parseDetainerForm('') // null
 * parseDetainerForm('warrant') // undefined
 * ```
 */
export function parseDetainerForm(text: string | undefined): DetainerForm | null | undefined {
  const t = (text ?? '').trim()
  if (t === '') return null
  const m = /^(?:FORM\s+)?I\s*-?\s*247\s*-?\s*([A-Z])?(?![A-Z0-9])/i.exec(t)
  if (!m) return undefined
  const form = `I-247${(m[1] ?? '').toUpperCase()}`
  return (DETAINER_FORMS as readonly string[]).includes(form) ? (form as DetainerForm) : undefined
}

/**
 * The file name without folders and without `.gz`, `.csv`, `.parquet` etc.
 *
 * @example
 * ```ts
 * fileStem('/x/EROEncounters_FY2016.csv.gz') // 'EROEncounters_FY2016'
 * ```
 */
export function fileStem(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path
  return base.replace(/(\.(gz|csv|tsv|txt|parquet|psv))+$/i, '')
}
