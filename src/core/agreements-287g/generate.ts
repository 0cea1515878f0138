/**
 * From parsed 287(g) rows to generated registry files: one enactment per agreement, grouped by the
 * jurisdiction whose agency signed it, each file `<the jurisdiction's registry path>.287g.yaml`
 * (merged with the hand-written file of the same jurisdiction when there is one), and a report of
 * every row that could not be matched. Pure and deterministic: the same input gives the same
 * bytes, so running the importer twice changes nothing.
 */
import { registryPathFor } from '../ocd/index.ts'
import { GENERATED_SUFFIX as GENERATED_287G_SUFFIX } from '../registry/index.ts'
import { agencyKey, matchRow, nameKey, type MatchedJurisdiction, type MatchIndex } from './match.ts'
import { MODEL_INFO, type DirectoryRow, type Model287g, type SheetInfo, type SheetRow } from './sheets.ts'

/** ICE's 287(g) page, where the participating and pending agency sheets are published. */
export const ICE_287G_PAGE = 'https://www.ice.gov/identify-and-arrest/287g'
/** 8 U.S.C. 1357 at the Office of the Law Revision Counsel. */
export const USC_1357 = 'https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title8-section1357&num=0&edition=prelim'

/** Everything the generator reads. */
export interface ImportInput {
  /** Participating-agency sheets, newest first is not required (sorted here). */
  readonly participating: readonly SheetRow[]
  readonly pending: readonly SheetRow[]
  readonly directory: readonly DirectoryRow[]
  /** Where the archived copy of `agreements.csv` can be read, when known. */
  readonly directoryUrl: string | null
  readonly index: MatchIndex
  /** A verbatim gazetteer line for a GEOID (the source of the file's `geoid`), when known. */
  readonly geoidQuote: (geoid: string) => { readonly url: string; readonly quote: string } | undefined
}

/** One agreement: the newest row that lists it, and every sheet day it was seen. */
export interface Agreement {
  readonly kind: 'agreement-287g'
  readonly id: string
  readonly row: SheetRow | null
  readonly directory: DirectoryRow | null
  readonly state: string
  readonly agency: string
  readonly agencyType: string
  readonly model: Model287g | null
  readonly signed: string | null
  readonly firstSeen: string
  readonly lastSeen: string
  /** The row (a sheet's or `agreements.csv`'s) that lists it on `lastSeen`. */
  readonly lastSeenRow: SheetRow | DirectoryRow | null
  /** False when the newest participating sheet no longer lists it. */
  readonly current: boolean
  readonly match: MatchedJurisdiction | { readonly kind: 'unmatched'; readonly reason: string }
}

/** A line of the import report. */
export interface ReportLine {
  readonly status: 'unmatched' | 'pending-unmatched' | 'no-longer-listed' | 'model-not-given' | 'directory-only' | 'fuzzy-match'
  readonly sheet: string
  readonly line: number | null
  readonly state: string
  readonly agency: string
  readonly agencyType: string
  readonly county: string
  readonly model: string
  readonly signed: string
  readonly detail: string
}

/** What the generator returns. */
export interface ImportResult {
  readonly kind: 'import-287g'
  /** Registry-relative paths and YAML texts, sorted by path. */
  readonly files: readonly { readonly path: string; readonly text: string }[]
  readonly agreements: readonly Agreement[]
  readonly report: readonly ReportLine[]
  readonly counts: {
    readonly rows: number
    readonly agreements: number
    readonly current: number
    readonly matched: number
    readonly unmatched: number
    readonly pending: number
    readonly pendingUnmatched: number
    readonly withOri: number
    readonly withMoa: number
    readonly byLevel: Readonly<Record<string, number>>
    readonly byModel: Readonly<Record<string, number>>
    readonly jurisdictions: number
    readonly directoryOnly: number
  }
  /** The newest participating sheet's day. */
  readonly asOf: string | null
}

const slug = (s: string) => s.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

function sheetSource(row: SheetRow) {
  const when = `${row.sheet.date}${row.sheet.edition ? ` (${row.sheet.edition === 'am' ? 'morning' : 'afternoon'} edition)` : ''}`
  const list = row.sheet.list === 'participating' ? 'participating agencies' : 'pending agencies'
  const out = [
    { url: ICE_287G_PAGE, quote: row.quote, reliability: 'official', note: `A row of ICE's list of 287(g) ${list} dated ${when}, published on this page (the signed date written as YYYY-MM-DD).` },
  ]
  if (row.sheet.archiveUrl) out.push({ url: row.sheet.archiveUrl, quote: row.quote, reliability: 'secondary', note: `An archived copy of the list dated ${when}.` })
  return out
}

function lastSeenSources(row: SheetRow | DirectoryRow, url: string | null) {
  return row.kind === 'sheet-row' ? sheetSource(row).slice(0, 1) : directorySource(row, url)
}

function directorySource(d: DirectoryRow, url: string | null) {
  return url ? [{ url, quote: d.text.slice(0, 240), reliability: 'secondary', note: `ICE's list of ${d.dateText} joined to the 2018 Census of State and Local Law Enforcement Agencies (ORI and ZIP code of the agency).` }] : []
}

/**
 * Builds the agreements, the generated files and the report.
 *
 * @example
 * ```ts
 * const result = generate287g({ participating, pending, directory, directoryUrl, index, geoidQuote })
 * result.files[0].path // 'us/state-al/county-cherokee.287g.yaml'
 * ```
 */
export function generate287g(input: ImportInput): ImportResult {
  const sheets = [...new Map(input.participating.map((r) => [sheetKey(r.sheet), r.sheet])).values()].sort(compareSheets)
  const newest = sheets[0] ?? null
  const report: ReportLine[] = []

  // Directory rows by agreement key and by agency (any model), newest last.
  const dirByKey = new Map<string, DirectoryRow[]>()
  const dirByAgency = new Map<string, DirectoryRow[]>()
  for (const d of [...input.directory].sort((a, b) => a.date.localeCompare(b.date) || a.line - b.line)) {
    const k = agreementKey(d.state, d.agency, d.model)
    dirByKey.set(k, [...(dirByKey.get(k) ?? []), d])
    const a = `${nameKey(d.state)}|${agencyKey(d.agency)}`
    dirByAgency.set(a, [...(dirByAgency.get(a) ?? []), d])
  }

  // Agreements from the sheets, newest sheet first.
  const byKey = new Map<string, { row: SheetRow; seen: string[] }>()
  for (const sheet of sheets) {
    for (const row of input.participating.filter((r) => sheetKey(r.sheet) === sheetKey(sheet))) {
      const k = agreementKey(row.state, row.agency, row.model)
      const entry = byKey.get(k)
      if (entry) entry.seen.push(sheet.date)
      else byKey.set(k, { row, seen: [sheet.date] })
    }
  }
  const agreements: Agreement[] = []
  const usedIds = new Set<string>()
  const makeId = (state: string, agency: string, model: Model287g | null) => {
    const st = input.index.stateByName.get(nameKey(state))?.code.toLowerCase() ?? slug(state.toLowerCase()).slice(0, 12)
    const base = `${st}-287g-${slug(agencyKey(agency)).slice(0, 60)}-${model ? MODEL_INFO[model].code : 'model-unknown'}`
    let id = base
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`
    usedIds.add(id)
    return id
  }
  const directoryFor = (state: string, agency: string, model: Model287g | null) => {
    const exact = dirByKey.get(agreementKey(state, agency, model))
    const any = dirByAgency.get(`${nameKey(state)}|${agencyKey(agency)}`)
    return (exact ?? any)?.at(-1) ?? null
  }
  for (const [k, { row, seen }] of [...byKey.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const directory = directoryFor(row.state, row.agency, row.model)
    const dirRows = dirByKey.get(k) ?? []
    const days = [...seen, ...dirRows.map((d) => d.date)].sort()
    const lastDir = dirRows.at(-1)
    const lastSeenRow = lastDir && lastDir.date > row.sheet.date ? lastDir : row
    agreements.push({
      kind: 'agreement-287g',
      id: makeId(row.state, row.agency, row.model),
      row,
      directory,
      state: row.state,
      agency: row.agency,
      agencyType: row.agencyType,
      model: row.model,
      signed: row.signed,
      firstSeen: days[0]!,
      lastSeen: days.at(-1)!,
      lastSeenRow,
      current: newest !== null && sheetKey(row.sheet) === sheetKey(newest),
      match: matchRow(input.index, row, directory ?? undefined),
    })
  }
  // Names only `agreements.csv` has: the Census name of an agency a sheet lists under ICE's name,
  // as a rule, so they are reported rather than made into agreements of their own.
  const directoryOnly = [...dirByKey.entries()].filter(([k]) => !byKey.has(k)).sort((a, b) => a[0].localeCompare(b[0]))
  for (const [, rows] of directoryOnly) {
    const d = rows.at(-1)!
    report.push({ status: 'directory-only', sheet: 'agreements.csv', line: d.line, state: d.state, agency: d.agency, agencyType: '', county: d.county ?? '', model: d.model ?? '', signed: '', detail: `listed ${rows[0]!.date} to ${d.date} under this (Census) name, which no sheet row has; usually an agency a sheet lists under another name` })
  }
  agreements.sort((a, b) => a.id.localeCompare(b.id))

  for (const a of agreements) {
    const base = { sheet: a.row ? a.row.sheet.file : 'agreements.csv', line: a.row ? a.row.line : (a.directory?.line ?? null), state: a.state, agency: a.agency, agencyType: a.agencyType, county: a.row?.county ?? a.directory?.county ?? '', model: a.row?.modelText ?? a.model ?? '', signed: a.signed ?? '' }
    if (a.match.kind === 'unmatched') report.push({ ...base, status: 'unmatched', detail: a.match.reason })
    if (!a.current && newest) report.push({ ...base, status: 'no-longer-listed', detail: `last listed ${a.lastSeen}; not on the list of ${newest.date}` })
    if (a.match.kind === 'matched' && a.match.by === 'county-name-fuzzy') report.push({ ...base, status: 'fuzzy-match', detail: `county "${a.row?.county ?? ''}" read as ${a.match.name}` })
    if (a.model === null) report.push({ ...base, status: 'model-not-given', detail: `support type "${a.row?.modelText ?? ''}"` })
  }

  // Pending rows: notes on the jurisdiction, or reported.
  const pendingNotes = new Map<string, string[]>()
  let pendingUnmatched = 0
  for (const p of input.pending) {
    const m = matchRow(input.index, p, directoryFor(p.state, p.agency, p.model) ?? undefined)
    const when = p.sheet.date
    if (m.kind === 'unmatched') {
      pendingUnmatched++
      report.push({ status: 'pending-unmatched', sheet: p.sheet.file, line: p.line, state: p.state, agency: p.agency, agencyType: p.agencyType, county: p.county ?? '', model: p.modelText, signed: '', detail: m.reason })
      continue
    }
    const note = `ICE's list of pending 287(g) agencies dated ${when} lists the ${p.agency} (${p.model ? MODEL_INFO[p.model].label : p.modelText || 'model not given'}) as pending: applied for, not yet signed.`
    pendingNotes.set(m.jurisdiction, [...(pendingNotes.get(m.jurisdiction) ?? []), note])
  }

  // Files, one per jurisdiction.
  const byJurisdiction = new Map<string, { match: MatchedJurisdiction; agreements: Agreement[] }>()
  for (const a of agreements) {
    if (a.match.kind !== 'matched') continue
    const entry = byJurisdiction.get(a.match.jurisdiction) ?? { match: a.match, agreements: [] }
    entry.agreements.push(a)
    byJurisdiction.set(a.match.jurisdiction, entry)
  }
  const files = [...byJurisdiction.values()]
    .map(({ match, agreements: list }) => ({
      path: registryPathFor(match.jurisdiction).replace(/\.yaml$/, GENERATED_287G_SUFFIX),
      text: fileText(match, list, pendingNotes.get(match.jurisdiction) ?? [], input, newest),
    }))
    .sort((a, b) => a.path.localeCompare(b.path))

  const count = <T extends string>(xs: T[]) => Object.fromEntries([...new Set(xs)].sort().map((x) => [x, xs.filter((y) => y === x).length]))
  const matched = agreements.filter((a) => a.match.kind === 'matched')
  return {
    kind: 'import-287g',
    files,
    agreements,
    report: report.sort((a, b) => a.status.localeCompare(b.status) || a.state.localeCompare(b.state) || a.agency.localeCompare(b.agency)),
    counts: {
      rows: input.participating.length,
      agreements: agreements.length,
      current: agreements.filter((a) => a.current).length,
      matched: matched.length,
      unmatched: agreements.length - matched.length,
      pending: input.pending.length,
      pendingUnmatched,
      withOri: agreements.filter((a) => a.directory?.ori).length,
      withMoa: agreements.filter((a) => a.row?.moa).length,
      byLevel: count(matched.map((a) => (a.match as MatchedJurisdiction).level)),
      byModel: count(agreements.map((a) => a.model ?? 'not-given')),
      jurisdictions: files.length,
      directoryOnly: directoryOnly.length,
    },
    asOf: newest?.date ?? null,
  }
}

function agreementKey(state: string, agency: string, model: Model287g | null): string {
  return `${nameKey(state)}|${agencyKey(agency)}|${model ?? 'none'}`
}

function sheetKey(s: SheetInfo): string {
  return `${s.date}|${s.edition ?? ''}|${s.list}`
}

function compareSheets(a: SheetInfo, b: SheetInfo): number {
  return b.date.localeCompare(a.date) || (b.edition ?? '').localeCompare(a.edition ?? '')
}

function titleCase(s: string): string {
  return s.replace(/\b([a-z])/g, (m) => m.toUpperCase())
}

function fileText(match: MatchedJurisdiction, list: Agreement[], pending: string[], input: ImportInput, newest: SheetInfo | null): string {
  const geo = input.geoidQuote(match.geoid)
  const file = {
    id: match.jurisdiction,
    name: match.level === 'county' ? match.name.replace(/, [A-Z]{2}$/, '') : match.name.replace(/, [A-Z]{2}$/, ''),
    level: match.level,
    generated: true,
    geoid: geo
      ? { code: match.geoid, vintage: 2020, sources: [{ url: geo.url, quote: geo.quote, reliability: 'secondary', note: 'Census 2020 codes and names, as compiled in the us_geo dataset.' }] }
      : { unknown: 'The Census code was not found in the gazetteer read.' },
    confidence: 'medium',
    confidenceNote: "The 287(g) agreements here come from ICE's published lists of participating agencies; the agreements' own texts were not read.",
    maintainerNote: 'Generated by `sanctuary import-287g` from the ICE 287(g) sheets (../shared/data/287g). Do not edit: re-run the importer; hand-written law for this place goes in its own file, which the build merges with this one.',
    ...(match.level === 'place' ? { jailCounty: { unknown: "ICE's list does not say which county's jail holds the city's arrestees." } } : {}),
    enactments: list.map((a) => enactment(a, input, newest)),
    ...(pending.length ? { notes: pending } : {}),
  }
  // YAML's JSON form: valid YAML, and the registry reads it with JSON.parse (the YAML parser would
  // take most of the check's time on some 600 files).
  return `# Generated by sanctuary import-287g from ICE's 287(g) lists. Do not edit by hand: re-run the importer.\n${JSON.stringify(file, null, 1)}\n`
}

function enactment(a: Agreement, input: ImportInput, newest: SheetInfo | null) {
  const label = a.model ? MODEL_INFO[a.model].label : 'model not given'
  const sources = [...(a.row ? sheetSource(a.row) : []), ...(a.directory ? directorySource(a.directory, input.directoryUrl) : [])]
  const lastSeen = a.lastSeenRow ? lastSeenSources(a.lastSeenRow, input.directoryUrl) : []
  const rowSources = sources.slice(0, a.row ? (a.row.sheet.archiveUrl ? 2 : 1) : sources.length)
  const stateAgency = a.match.kind === 'matched' && (a.match.level === 'state' || a.match.level === 'district')
  const notes: string[] = []
  if (a.directory?.ori) notes.push(`The agency's ORI (FBI originating agency identifier) is ${a.directory.ori}${a.directory.zip ? `; its ZIP code ${a.directory.zip}` : ''} (2018 Census of State and Local Law Enforcement Agencies).`)
  if (a.row?.moa) notes.push(`ICE's list links the memorandum of agreement: ${a.row.moa}`)
  else if (a.row && /pending/i.test(a.row.moaText)) notes.push("ICE's list marks the memorandum of agreement's link as pending.")
  if (a.row?.addendum) notes.push(`ICE's list notes an addendum: ${a.row.addendum}`)
  if (a.signed) notes.push("ICE's list gives the day the agreement was signed; it is taken as the first day in force.")
  if (a.row) notes.push(`ICE's list gives the agency type as "${a.agencyType}"${a.row.county ? ` and the county as "${a.row.county}"` : ''}.`)
  const unknownDate = { unknown: `ICE's lists consulted give no signed date; first listed ${a.firstSeen}.` }
  const provisions: Record<string, unknown>[] = [
    {
      id: `${a.id}-agreement`,
      action: 'agreement-287g',
      effect: 'permit',
      summary: `The ${a.agency} takes part in the 287(g) program under ${a.model ? MODEL_INFO[a.model].words : 'a model the list does not name'}${a.signed ? `, by an agreement signed ${a.signed}` : ''}.`,
      ...(stateAgency ? { custody: ['county-jail', 'city-jail', 'state-prison'] } : {}),
      confidence: 'medium',
      sources: rowSources.slice(0, 1),
    },
  ]
  if (a.model === 'jail-enforcement') {
    provisions.push({
      id: `${a.id}-interview`,
      action: 'interview-access',
      effect: 'permit',
      summary: `Under its jail enforcement agreement, officers of the ${a.agency} whom ICE has trained and supervises may question people in its custody about their immigration status.`,
      ...(stateAgency ? { custody: ['state-prison'] } : {}),
      interpretation:
        'A 287(g) agreement lets designated local officers perform functions of an immigration officer, among them questioning a person about the right to be in the United States; the jail enforcement model does so in the agency\'s jail. Read as the jail permitting immigration interviews. The agreement\'s own text was not read.',
      confidence: 'medium',
      sources: [
        ...rowSources.slice(0, 1),
        { url: USC_1357, quote: 'to interrogate any alien or person believed to be an alien as to his right to be or to remain in the United States', reliability: 'primary', note: '8 U.S.C. 1357(a)(1), the power of an immigration officer that 1357(g) lets ICE delegate.' },
      ],
    })
  }
  return {
    id: a.id,
    title: `287(g) agreement of the ${a.agency} (${label})`,
    kind: 'agreement',
    citation: `Memorandum of agreement with ICE under INA § 287(g), 8 U.S.C. 1357(g) (${label})`,
    enacted: a.signed ?? unknownDate,
    effective: a.signed ?? unknownDate,
    ...(a.signed ? {} : { inForceBy: { date: a.firstSeen, sources: sources.slice(0, 1) } }),
    ...(a.signed && !a.current && lastSeen.length ? { inForceBy: { date: a.lastSeen, sources: lastSeen } } : {}),
    ...(a.current || !newest ? {} : { ends: { unknown: `Listed by ICE on ${a.lastSeen} but not on the list dated ${newest.date}; the day it ended was not published.` } }),
    confidence: 'medium',
    sources,
    provisions,
    notes,
  }
}
