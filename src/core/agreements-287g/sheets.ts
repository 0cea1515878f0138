/**
 * Reading ICE's 287(g) sheets (participating and pending agencies) and the CSLLEA-merged
 * `agreements.csv` into plain rows. Pure: texts and hyperlinks come from the adapter.
 */
import { AppError } from '../errors/index.ts'
import { csvObjects } from './csv.ts'

/** The three 287(g) models ICE publishes. */
export const MODELS_287G = ['jail-enforcement', 'warrant-service-officer', 'task-force'] as const
export type Model287g = (typeof MODELS_287G)[number]

/** How ICE's sheets name each model, and a short code used in ids. */
export const MODEL_INFO: Readonly<Record<Model287g, { readonly label: string; readonly code: string; readonly words: string }>> = Object.freeze({
  'jail-enforcement': { label: 'Jail Enforcement Model', code: 'jem', words: 'the Jail Enforcement Model' },
  'warrant-service-officer': { label: 'Warrant Service Officer', code: 'wso', words: 'the Warrant Service Officer model' },
  'task-force': { label: 'Task Force Model', code: 'tfm', words: 'the Task Force Model' },
})

/** One published sheet: which list, the day ICE dated it, and where its archived copy is. */
export interface SheetInfo {
  readonly kind: 'sheet-info'
  readonly list: 'participating' | 'pending'
  /** YYYY-MM-DD, from the file name (`participatingAgencies07182025pm` → 2025-07-18). */
  readonly date: string
  /** `am` / `pm` edition of the day, when the name says. */
  readonly edition: 'am' | 'pm' | null
  /** The file's name, for the report (never public text). */
  readonly file: string
  /** Where an archived copy of the sheet can be read, when known. */
  readonly archiveUrl: string | null
}

/** One agency row of a sheet. */
export interface SheetRow {
  readonly kind: 'sheet-row'
  readonly sheet: SheetInfo
  /** Line of the CSV the row starts on (for the report). */
  readonly line: number
  /** The row's number in the spreadsheet (header = 1), which hyperlinks refer to. */
  readonly sheetRow: number
  readonly state: string
  readonly agency: string
  readonly agencyType: string
  readonly county: string | null
  readonly model: Model287g | null
  readonly modelText: string
  /** YYYY-MM-DD, or null when the sheet gives none (pending rows) or an unreadable value. */
  readonly signed: string | null
  readonly signedText: string
  /** The memorandum of agreement's address when the sheet links one. */
  readonly moa: string | null
  readonly moaText: string
  readonly addendum: string | null
  /** The row's cells as a short verbatim quote (the signed date written YYYY-MM-DD). */
  readonly quote: string
}

/** One row of `agreements.csv`: a sheet row joined to the Census of law enforcement agencies. */
export interface DirectoryRow {
  readonly kind: 'directory-row'
  readonly line: number
  /** YYYY-MM-DD of the sheet it came from. */
  readonly date: string
  readonly dateText: string
  readonly state: string
  readonly county: string | null
  readonly zip: string | null
  readonly agency: string
  readonly ori: string | null
  readonly model: Model287g | null
  /** The raw CSV line, for a verbatim quote. */
  readonly text: string
}

/**
 * The model a sheet cell names, or null (`#N/A`, blank, anything else).
 *
 * @example
 * ```ts
 * parseModel('Task Force Model ') // 'task-force'
 * ```
 */
export function parseModel(text: string): Model287g | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ')
  if (t.startsWith('jail enforcement')) return 'jail-enforcement'
  if (t.startsWith('warrant service')) return 'warrant-service-officer'
  if (t.startsWith('task force')) return 'task-force'
  return null
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30)

/**
 * A SIGNED cell as YYYY-MM-DD: an Excel serial day (`45833`), `2025-05-08 00:00:00`, or `5/8/2025`.
 *
 * @example
 * ```ts
 * parseSignedDate('45833') // '2025-06-24'
 * ```
 */
export function parseSignedDate(text: string): string | null {
  const t = text.trim()
  if (/^\d{5}(\.\d+)?$/.test(t)) return new Date(EXCEL_EPOCH + Math.floor(Number(t)) * 86_400_000).toISOString().slice(0, 10)
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(t)
  if (m) return valid(`${m[1]}-${m[2]}-${m[3]}`)
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(t)
  if (m) return valid(`${m[3]!.length === 2 ? `20${m[3]}` : m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`)
  return null
}

function valid(iso: string): string | null {
  const d = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso
}

/**
 * The list, day and edition a sheet's file name gives (`pendingAgencies07182025pm.csv`).
 *
 * @example
 * ```ts
 * sheetInfoFromName('participatingAgencies05162025am.csv', null) // { list: 'participating', date: '2025-05-16', edition: 'am', ... }
 * ```
 */
export function sheetInfoFromName(file: string, archiveUrl: string | null): SheetInfo | null {
  const m = /(participating|pending)Agencies(\d{2})(\d{2})(\d{4})(am|pm)?\.(?:csv|xlsx)$/i.exec(file)
  if (!m) return null
  const date = valid(`${m[4]}-${m[2]}-${m[3]}`)
  if (!date) return null
  return { kind: 'sheet-info', list: m[1]!.toLowerCase() as 'participating' | 'pending', date, edition: (m[5]?.toLowerCase() as 'am' | 'pm' | undefined) ?? null, file, archiveUrl }
}

/**
 * The real address behind an Outlook "safe link" (ICE's sheet wraps a few MOA links in one).
 *
 * @example
 * ```ts
 * unwrapLink('https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fa.pdf&data=x') // 'https://www.ice.gov/a.pdf'
 * ```
 */
export function unwrapLink(url: string): string {
  try {
    const u = new URL(url)
    if (u.hostname.endsWith('safelinks.protection.outlook.com')) return u.searchParams.get('url') ?? url
  } catch {
    return url
  }
  return url
}

const REQUIRED = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE'] as const

const clean = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim()
const orNull = (s: string): string | null => (s === '' || s === '#N/A' || s.toUpperCase() === 'NA' ? null : s)

/**
 * The agency rows of one sheet (blank rows skipped). `links` maps a spreadsheet row number to the
 * hyperlink of its MOA cell. Throws `invalid-input` naming the file and the missing column.
 *
 * @example
 * ```ts
 * parseSheet(text, info, new Map([[2, 'https://www.ice.gov/doclib/287gMOA/x.pdf']]))[0].moa
 * ```
 */
export function parseSheet(text: string, sheet: SheetInfo, links: ReadonlyMap<number, string> = new Map()): SheetRow[] {
  const records = csvObjects(text)
  const header = Object.keys(records[0]?.row ?? {})
  for (const c of REQUIRED) if (records.length && !header.includes(c)) throw new AppError('invalid-input', `missing column "${c}"`, { file: sheet.file, line: 1, field: c })
  const rows: SheetRow[] = []
  records.forEach((r, i) => {
    const get = (name: string) => clean(r.row[name])
    const state = get('STATE')
    const agency = get('LAW ENFORCEMENT AGENCY')
    if (!state && !agency) return
    const signedText = get('SIGNED')
    const signed = parseSignedDate(signedText)
    const moaText = get('MOA')
    const sheetRow = i + 2
    const link = links.get(sheetRow)
    const cells = [state, agency, get('TYPE'), get('COUNTY'), get('SUPPORT TYPE'), ...(sheet.list === 'participating' ? [signed ?? signedText] : [])].filter((c) => c !== '')
    rows.push({
      kind: 'sheet-row',
      sheet,
      line: r.line,
      sheetRow,
      state,
      agency,
      agencyType: get('TYPE'),
      county: orNull(get('COUNTY')),
      model: parseModel(get('SUPPORT TYPE')),
      modelText: get('SUPPORT TYPE'),
      signed,
      signedText,
      moa: link ? unwrapLink(link) : null,
      moaText,
      addendum: orNull(get('ADDENDUM')),
      quote: cells.join(' | '),
    })
  })
  return rows
}

/**
 * The rows of `agreements.csv` (`date,state,county,zip,agency,agency_id,ori,type,...`).
 *
 * @example
 * ```ts
 * parseDirectory('date,state,county,zip,agency,agency_id,ori,type\n2025-05-16 am,ALABAMA,Colbert County,36351,colbert county sheriff,1,AL0200000,Jail Enforcement Model\n')[0].ori // 'AL0200000'
 * ```
 */
export function parseDirectory(text: string, file = 'agreements.csv'): DirectoryRow[] {
  const records = csvObjects(text)
  const header = Object.keys(records[0]?.row ?? {})
  for (const c of ['date', 'state', 'county', 'zip', 'agency', 'ori', 'type']) if (records.length && !header.includes(c)) throw new AppError('invalid-input', `missing column "${c}"`, { file, line: 1, field: c })
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const out: DirectoryRow[] = []
  for (const r of records) {
    const dateText = clean(r.row.date)
    const date = parseSignedDate(dateText.slice(0, 10))
    if (!date) continue
    const zip = clean(r.row.zip)
    out.push({
      kind: 'directory-row',
      line: r.line,
      date,
      dateText,
      state: clean(r.row.state),
      county: orNull(clean(r.row.county)),
      zip: /^\d{5}$/.test(zip) ? zip : /^\d{4}$/.test(zip) ? `0${zip}` : null,
      agency: clean(r.row.agency),
      ori: orNull(clean(r.row.ori)),
      model: parseModel(clean(r.row.type)),
      text: lines[r.line - 1] ?? '',
    })
  }
  return out
}
