/**
 * The evaluator's form as plain values, and the conversions between it, the engine's case, and
 * the query string of a plain (no-JavaScript) form submission. An empty field means "unknown" and
 * is left out of the case: the engine treats an absent fact as unknown, and an empty list as a
 * known "none".
 */

/** A yes/no fact that may also be unknown. */
export type Tri = '' | 'yes' | 'no'

export interface OffenseRow {
  readonly category: string
  readonly level: string
  readonly date: string
}

export interface CaseForm {
  readonly jurisdiction: string
  /** The name shown for the jurisdiction (not part of the case). */
  readonly jurisdictionName: string
  readonly date: string
  readonly custody: string
  readonly form: string
  readonly judicialWarrant: Tri
  readonly judicialProbableCause: Tri
  readonly reimbursementAgreement: Tri
  readonly writtenConsent: Tri
  readonly age: string
  readonly lawfulStatusProof: Tri
  readonly gangDatabase: Tri
  /** Whether the lists are known ('yes': the rows are all of them, possibly none) or unknown. */
  readonly convictionsKnown: 'yes' | ''
  readonly convictions: readonly OffenseRow[]
  readonly pendingChargesKnown: 'yes' | ''
  readonly pendingCharges: readonly OffenseRow[]
}

/** The JSON of a case, as the engine's schema has it (loosely typed: the engine validates). */
export interface CaseJson {
  jurisdiction: string
  date: string
  custody?: string
  detainer?: Record<string, string | boolean>
  person?: Record<string, unknown>
}

const TRI_DETAINER = ['judicialWarrant', 'judicialProbableCause', 'reimbursementAgreement', 'writtenConsent'] as const
const TRI_PERSON = ['lawfulStatusProof', 'gangDatabase'] as const

/**
 * An empty form for a date.
 *
 * @example
 * ```ts
 * emptyCaseForm('2025-01-01').convictionsKnown // 'yes'
 * ```
 */
export function emptyCaseForm(date: string): CaseForm {
  return {
    jurisdiction: '',
    jurisdictionName: '',
    date,
    custody: 'county-jail',
    form: 'I-247A',
    judicialWarrant: 'no',
    judicialProbableCause: 'no',
    reimbursementAgreement: '',
    writtenConsent: '',
    age: '',
    lawfulStatusProof: '',
    gangDatabase: '',
    convictionsKnown: 'yes',
    convictions: [],
    pendingChargesKnown: 'yes',
    pendingCharges: [],
  }
}

const tri = (v: unknown): Tri => (v === true ? 'yes' : v === false ? 'no' : '')
const fromTri = (t: Tri): boolean | undefined => (t === 'yes' ? true : t === 'no' ? false : undefined)

function rowsOf(list: unknown): OffenseRow[] {
  if (!Array.isArray(list)) return []
  return list.map((o: Record<string, unknown>) => ({
    category: typeof o?.category === 'string' ? o.category : '',
    level: typeof o?.level === 'string' ? o.level : '',
    date: typeof o?.date === 'string' ? o.date : '',
  }))
}

/**
 * A case (as decoded from a URL, possibly invalid) as form values. Unknown fields are dropped
 * here; the engine reports them when the case itself is evaluated.
 *
 * @example
 * ```ts
 * caseToForm({ jurisdiction: 'ocd-division/country:us/state:ca', date: '2018-01-01' }, 'California').custody // ''
 * ```
 */
export function caseToForm(value: unknown, jurisdictionName = ''): CaseForm {
  const c = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>
  const d = (c.detainer && typeof c.detainer === 'object' ? c.detainer : {}) as Record<string, unknown>
  const p = (c.person && typeof c.person === 'object' ? c.person : {}) as Record<string, unknown>
  return {
    jurisdiction: typeof c.jurisdiction === 'string' ? c.jurisdiction : '',
    jurisdictionName,
    date: typeof c.date === 'string' ? c.date : '',
    custody: typeof c.custody === 'string' ? c.custody : '',
    form: typeof d.form === 'string' ? d.form : '',
    judicialWarrant: tri(d.judicialWarrant),
    judicialProbableCause: tri(d.judicialProbableCause),
    reimbursementAgreement: tri(d.reimbursementAgreement),
    writtenConsent: tri(d.writtenConsent),
    age: typeof p.age === 'number' ? String(p.age) : '',
    lawfulStatusProof: tri(p.lawfulStatusProof),
    gangDatabase: tri(p.gangDatabase),
    convictionsKnown: Array.isArray(p.convictions) ? 'yes' : '',
    convictions: rowsOf(p.convictions),
    pendingChargesKnown: Array.isArray(p.pendingCharges) ? 'yes' : '',
    pendingCharges: rowsOf(p.pendingCharges),
  }
}

function offenseJson(rows: readonly OffenseRow[]): Record<string, string>[] {
  return rows
    .filter((r) => r.category !== '')
    .map((r) => {
      const o: Record<string, string> = { category: r.category }
      if (r.level) o.level = r.level
      if (r.date) o.date = r.date
      return o
    })
}

/**
 * The case the form describes: empty fields are left out (unknown). An age that is not a whole
 * number is passed through as text so the engine names the field.
 *
 * @example
 * ```ts
 * formToCase({ ...emptyCaseForm('2019-01-01'), jurisdiction: 'ocd-division/country:us/state:tx' }).detainer
 * // { form: 'I-247A', judicialWarrant: false, judicialProbableCause: false }
 * ```
 */
export function formToCase(f: CaseForm): CaseJson {
  const c: CaseJson = { jurisdiction: f.jurisdiction, date: f.date }
  if (f.custody) c.custody = f.custody
  const detainer: Record<string, string | boolean> = {}
  if (f.form) detainer.form = f.form
  for (const k of TRI_DETAINER) {
    const b = fromTri(f[k])
    if (b !== undefined) detainer[k] = b
  }
  if (Object.keys(detainer).length) c.detainer = detainer
  const person: Record<string, unknown> = {}
  if (f.age.trim() !== '') person.age = /^\d+$/.test(f.age.trim()) ? Number(f.age.trim()) : f.age.trim()
  if (f.convictionsKnown === 'yes') person.convictions = offenseJson(f.convictions)
  if (f.pendingChargesKnown === 'yes') person.pendingCharges = offenseJson(f.pendingCharges)
  for (const k of TRI_PERSON) {
    const b = fromTri(f[k])
    if (b !== undefined) person[k] = b
  }
  if (Object.keys(person).length) c.person = person
  return c
}

const asTri = (v: string | null): Tri => (v === 'yes' || v === 'no' ? v : '')

function rowsFromQuery(q: URLSearchParams, prefix: string): OffenseRow[] {
  const rows: OffenseRow[] = []
  for (let i = 0; i < 50; i++) {
    const category = q.get(`${prefix}${i}.category`)
    if (category === null) break
    rows.push({ category, level: q.get(`${prefix}${i}.level`) ?? '', date: q.get(`${prefix}${i}.date`) ?? '' })
  }
  return rows
}

/**
 * The form values of a plain form submission (`/evaluate?jurisdiction=…&date=…`), as the form's
 * field names give them. The server turns them into a case and redirects to `?case=`.
 *
 * @example
 * ```ts
 * formFromQuery(new URLSearchParams('jurisdiction=ocd-division/country:us/state:tx&date=2019-01-01')).date // '2019-01-01'
 * ```
 */
export function formFromQuery(q: URLSearchParams): CaseForm {
  return {
    jurisdiction: q.get('jurisdiction') ?? '',
    jurisdictionName: q.get('jurisdictionName') ?? '',
    date: q.get('date') ?? '',
    custody: q.get('custody') ?? '',
    form: q.get('form') ?? '',
    judicialWarrant: asTri(q.get('judicialWarrant')),
    judicialProbableCause: asTri(q.get('judicialProbableCause')),
    reimbursementAgreement: asTri(q.get('reimbursementAgreement')),
    writtenConsent: asTri(q.get('writtenConsent')),
    age: q.get('age') ?? '',
    lawfulStatusProof: asTri(q.get('lawfulStatusProof')),
    gangDatabase: asTri(q.get('gangDatabase')),
    convictionsKnown: q.get('convictionsKnown') === 'yes' ? 'yes' : '',
    convictions: rowsFromQuery(q, 'c'),
    pendingChargesKnown: q.get('pendingChargesKnown') === 'yes' ? 'yes' : '',
    pendingCharges: rowsFromQuery(q, 'p'),
  }
}
