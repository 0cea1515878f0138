/**
 * Name handling for linking: normalizing facility, county and place names so the same name
 * written two ways compares equal, pulling a state out of a landmark ("…, TX", "NY State",
 * "- TX1080000"), and finding the county a landmark names ("WALKER CO", "MONTGOMERY CNTY JAIL").
 * Pure functions.
 */
import { STATE_CODES } from '../import/values.ts'

const TOKEN_ALIASES: Readonly<Record<string, string>> = {
  SAINT: 'ST',
  STE: 'ST',
  SAINTE: 'ST',
  CNTY: 'COUNTY',
  CNTY_: 'COUNTY',
  DEPT: 'DEPARTMENT',
  DEP: 'DEPARTMENT',
  CORR: 'CORRECTIONAL',
  CORRECTIONL: 'CORRECTIONAL',
  FAC: 'FACILITY',
  CTR: 'CENTER',
  CNTR: 'CENTER',
  MT: 'MOUNT',
  FT: 'FORT',
  SHERIFF: 'SHERIFFS',
  PD: 'POLICE DEPARTMENT',
}

/**
 * Normalizes a name for comparison: upper case, accents and apostrophes dropped, punctuation to
 * spaces, common abbreviations expanded (CNTY → COUNTY, DEPT → DEPARTMENT, SAINT → ST …).
 *
 * @example
 * ```ts
 * normalizeName("Lubbock County Sheriff's Office") // 'LUBBOCK COUNTY SHERIFFS OFFICE'
 * normalizeName('MONTGOMERY CNTY JAIL, PA') // 'MONTGOMERY COUNTY JAIL PA'
 * normalizeName('Doña Ana') // 'DONA ANA'
 * ```
 */
export function normalizeName(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/['’`]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '')
    .map((t) => TOKEN_ALIASES[t] ?? t)
    .join(' ')
}

const STATE_NAMES_LONGEST_FIRST = Object.keys(STATE_CODES).sort((a, b) => b.length - a.length)
const STATE_CODE_SET = new Set(Object.values(STATE_CODES))
/** Two-letter codes that are also words or county abbreviations; trusted only after a comma or dash. */
const AMBIGUOUS_CODES = new Set(['co', 'in', 'or', 'me', 'ok', 'hi', 'de', 'la', 'id', 'ma', 'pa', 'al', 'oh', 'mo', 'ms'])

/** A state pulled out of a landmark, and the landmark without it. */
export interface StateHint {
  readonly state: string | undefined
  /** The text with the state (and a trailing ORI-like code) removed. */
  readonly rest: string
}

/**
 * Finds a state named at the end of a landmark (", TX", " - CA", "NY State", ", TEXAS",
 * "- TX1080000") or before "DEPT"/"DEPARTMENT" ("TEXAS DEPT OF CRIMINAL JUSTICE"). Returns
 * `state: undefined` when there is none or two different ones.
 *
 * @example
 * ```ts
 * extractStateHint('HARRIS COUNTY JAIL, HOUSTON, TX') // { state: 'tx', rest: 'HARRIS COUNTY JAIL, HOUSTON' }
 * extractStateHint('TRAVIS CO') // { state: undefined, rest: 'TRAVIS CO' }
 * extractStateHint('POLK COUNTY IOWA') // { state: 'ia', rest: 'POLK COUNTY' }
 * ```
 */
export function extractStateHint(text: string): StateHint {
  let rest = text.toUpperCase().replace(/\s+/g, ' ').trim()
  const found = new Set<string>()
  let changed = true
  while (changed) {
    changed = false
    rest = rest.replace(/[\s.,;:-]+$/, '')
    // ORI-like code at the end: "- TX1080000"
    const ori = /(?:^|[\s,-])([A-Z]{2})\d{5}[0-9A-Z]{0,2}$/.exec(rest)
    if (ori && STATE_CODE_SET.has((ori[1] as string).toLowerCase())) {
      found.add((ori[1] as string).toLowerCase())
      rest = rest.slice(0, ori.index)
      changed = true
      continue
    }
    // "NY STATE"
    const codeState = /(?:^|[\s,-])([A-Z]{2}) STATE$/.exec(rest)
    if (codeState && STATE_CODE_SET.has((codeState[1] as string).toLowerCase())) {
      found.add((codeState[1] as string).toLowerCase())
      rest = rest.slice(0, codeState.index)
      changed = true
      continue
    }
    // ", TX" or " CA" (ambiguous codes only after a comma, dash or parenthesis)
    const code = /([\s,(-]+)([A-Z]{2})\.?$/.exec(rest)
    if (code) {
      const c = (code[2] as string).toLowerCase()
      const separator = code[1] as string
      if (STATE_CODE_SET.has(c) && (/[,(-]/.test(separator) || !AMBIGUOUS_CODES.has(c))) {
        found.add(c)
        rest = rest.slice(0, code.index)
        changed = true
        continue
      }
    }
    // ", TEXAS" / " IOWA" at the end, not part of "<NAME> COUNTY" or "CITY OF <NAME>"
    for (const name of STATE_NAMES_LONGEST_FIRST) {
      if (!rest.endsWith(name)) continue
      const before = rest.slice(0, rest.length - name.length)
      if (before !== '' && !/[\s,-]$/.test(before)) continue
      if (before.trim() === '' || /\b(CITY OF|FORT|MOUNT|LAKE|PORT|EAST|WEST|NORTH|SOUTH)\s*$/.test(before)) continue
      found.add(STATE_CODES[name] as string)
      rest = before
      changed = true
      break
    }
  }
  // "TEXAS DEPT OF …", ", ILLINOIS DEPT OF …", "NC DEPARTMENT OF …" anywhere
  for (const name of STATE_NAMES_LONGEST_FIRST) {
    const re = new RegExp(`(?:^|[\\s,-])${name} (?:DEPT|DEPARTMENT)\\b`)
    if (re.test(rest)) found.add(STATE_CODES[name] as string)
  }
  const codeDept = /(?:^|[\s,-])([A-Z]{2}) (?:DEPT|DEPARTMENT|DOC)\b/.exec(rest)
  if (codeDept && STATE_CODE_SET.has((codeDept[1] as string).toLowerCase()) && !AMBIGUOUS_CODES.has((codeDept[1] as string).toLowerCase())) {
    found.add((codeDept[1] as string).toLowerCase())
  }
  return { state: found.size === 1 ? [...found][0] : undefined, rest: rest.trim() }
}

const COUNTY_WORDS = new Set(['COUNTY', 'CO', 'PARISH', 'BOROUGH'])
/** Words that cannot be part of a county name when they sit right before "COUNTY". */
const NOT_COUNTY_NAME = new Set(['THE', 'OF', 'AND', 'JAIL', 'CAP', 'DOC', 'ICE', 'ERO', 'SHERIFFS', 'OFFICE', 'DEPARTMENT', 'CORRECTIONAL', 'DETENTION', 'CENTER'])

/**
 * The names a landmark may give for a county: the 1–4 words before each COUNTY / CNTY / CO /
 * PARISH / BOROUGH, longest first. The landmark should already have its state removed (so a
 * trailing "CO" means county, not Colorado).
 *
 * @example
 * ```ts
 * countyNameCandidates('CAP - MARICOPA COUNTY SHERIFFS OFFICE JAIL') // ['CAP MARICOPA', 'MARICOPA']
 * countyNameCandidates('TEXAS DEPT OF CRIMINAL JUSTICE, WALKER CO') // ['OF CRIMINAL JUSTICE WALKER', 'CRIMINAL JUSTICE WALKER', 'JUSTICE WALKER', 'WALKER']
 * ```
 */
export function countyNameCandidates(landmark: string): string[] {
  const tokens = normalizeName(landmark).split(' ').filter((t) => t !== '')
  const out: string[] = []
  tokens.forEach((token, i) => {
    if (!COUNTY_WORDS.has(token) || i === 0) return
    for (let k = Math.min(4, i); k >= 1; k--) {
      const words = tokens.slice(i - k, i)
      if (NOT_COUNTY_NAME.has(words[words.length - 1] as string)) break
      out.push(words.join(' '))
    }
  })
  return out
}

/**
 * Drops an ICE office prefix from a landmark ("CAP - ", "TAM-", "DOC CAP: ", "ORL - ").
 *
 * @example
 * ```ts
 * stripOfficePrefix('TAM-HILLSBOROUGH COUNTY JAIL') // 'HILLSBOROUGH COUNTY JAIL'
 * ```
 */
export function stripOfficePrefix(text: string): string {
  return text.replace(/^\s*(?:(?:DOC\s+)?CAP|[A-Z]{3})\s*[-:]\s*/i, '').trim()
}

const CUSTODY_WORDS =
  /\b(JAIL|JAILS|DETENTION|CORRECTIONAL|CORRECTIONS|CORRECTION|PRISON|PENITENTIARY|PEN|POLICE|SHERIFFS|JUSTICE CENTER|BOOKING|HOLDING|LOCKUP|CCF|FCI|USP|FDC|MDC|SCI|INSTITUTION|INSTITUTE|STOCKADE|ADC|MAGISTRATE|REGIONAL JAIL|BOP|USBOP|MARSHAL|MARSHALS)\b/

/**
 * Whether a (normalized) landmark names a place of custody rather than an office or an area.
 *
 * @example
 * ```ts
 * isCustodyLandmark('DELANO CCF') // true
 * isCustodyLandmark('WSM GENERAL AREA NON SPECIFIC') // false
 * ```
 */
export function isCustodyLandmark(normalized: string): boolean {
  if (/\b(GENERAL AREA|NON SPECIFIC|NONSPECIFIC|DO NOT USE|INTEROPERABILITY|VCAS)\b/.test(normalized)) return false
  return CUSTODY_WORDS.test(normalized)
}

/** Custody as the name of a facility says it; `federal` is kept apart (the record stores null). */
export type NamedCustody = 'county-jail' | 'city-jail' | 'state-prison' | 'federal'

/**
 * Reads the kind of custody from a facility name. Federal first (BOP, FCI, U.S. Marshals), then
 * state prisons (DOC, state prison, SCI, TDCJ), then county jails (county, parish, sheriff), then
 * city jails (city jail, police). Null when the name says none of these.
 *
 * @example
 * ```ts
 * classifyCustody('HARRIS COUNTY JAIL, HOUSTON, TX') // 'county-jail'
 * classifyCustody('TAFT FEDERAL CORRECTIONAL INSTITUTION') // 'federal'
 * classifyCustody('WASCO STATE PRISON') // 'state-prison'
 * classifyCustody('GARDENA POLICE DEPT.') // 'city-jail'
 * classifyCustody('SC INTEROPERABILITY LAFO') // null
 * ```
 */
export function classifyCustody(name: string | null | undefined): NamedCustody | null {
  const n = normalizeName(name)
  if (n === '') return null
  if (/\b(BOP|USBOP|FCI|USP|FDC|MDC|FPC|FMC|FEDERAL|US MARSHALS?|U S MARSHALS?|USMS|MARSHALS?|U S PEN|US PEN)\b/.test(n)) return 'federal'
  if (
    /\b(STATE PRISON|STATE PENITENTIARY|STATE CORRECTIONAL|DEPARTMENT OF CORRECTIONS?|DEPARTMENT OF CORRECTION|DOC|DEPARTMENT OF CRIMINAL JUSTICE|TDCJ|CDCR|SCI|S C I|DIVISION OF CORRECTIONS|RECEPTION CENTER|RECEPTION AND DIAGNOSTIC)\b/.test(n)
  )
    return 'state-prison'
  if (/\b(COUNTY|PARISH|BOROUGH|SHERIFFS|REGIONAL JAIL)\b/.test(n) && CUSTODY_WORDS.test(n)) return 'county-jail'
  if (/\b(CITY JAIL|MUNICIPAL JAIL|POLICE|CITY DETENTION|CITY CORRECTIONAL)\b/.test(n)) return 'city-jail'
  if (/\b(COUNTY|CO|PARISH) (JAIL|PRISON|DETENTION|CORRECTIONAL)\b/.test(n)) return 'county-jail'
  return null
}
