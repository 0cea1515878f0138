/**
 * Link previews: which image a page shares (`/og/…png`) and what that image shows, from the same
 * engine answers the pages show (the "no criminal record" case template, the hold question, on
 * the page's date). Server only; no I/O.
 */
import { CASE_TEMPLATES, describeDivision, templateCase } from '../../core/answers/index.ts'
import { requireDivisionId } from '../../core/names/index.ts'
import { AppError } from '../../core/errors/index.ts'
import { ANSWER_VALUES, dateWords, QUESTION_IDS, QUESTION_LABELS, VALUE_LABELS, type AnswerValue, type QuestionId } from '../shared/words.ts'
import type { ShareImage } from './share-image.ts'
import type { SiteContext } from './site.tsx'

/** What a preview image is of. */
export type ShareTarget =
  | { readonly kind: 'nation' }
  | { readonly kind: 'jurisdiction'; readonly id: string }
  | { readonly kind: 'compare'; readonly ids: readonly string[] }

/** The case template and question every preview shows (the map's defaults). */
const TEMPLATE = CASE_TEMPLATES[0]!
const QUESTION = 'hold' as const

/**
 * The image path of a target, as pages link it.
 *
 * @example
 * ```ts
 * shareImagePath({ kind: 'jurisdiction', id: 'ocd-division/country:us/state:tx/county:travis' }) // '/og/jurisdictions/ocd-division/country:us/state:tx/county:travis.png'
 * ```
 */
export function shareImagePath(target: ShareTarget, date?: string): string {
  const query = new URLSearchParams(target.kind === 'compare' ? { ids: target.ids.join(',') } : {})
  if (date) query.set('date', date)
  const q = query.toString() ? `?${query.toString()}` : ''
  if (target.kind === 'nation') return `/og/us.png${q}`
  if (target.kind === 'compare') return `/og/compare.png${q}`
  return `/og/jurisdictions/${target.id.split('/').map((s) => encodeURIComponent(s).replace(/%3A/gi, ':')).join('/')}.png${q}`
}

/** The image's text alternative (og:image:alt), in plain words. */
export function shareImageAlt(image: ShareImage): string {
  return [image.title, ...image.lines.map((l) => l.text)].join('. ').replace(/\.\./g, '.')
}

interface Placed {
  readonly name: string
  readonly value: AnswerValue
  /** Where it is drawn: a state's FIPS, a county's GEOID, or a city's county GEOID (a marker). */
  readonly state: string | null
  readonly fill: string | null
  readonly marker: string | null
}

function place(ctx: SiteContext, id: string, date: string): Placed {
  if (id.startsWith('ocd-division/') && !ctx.engine.registry.jurisdictions.has(id)) requireDivisionId(ctx.names, id, 'id')
  const ref = describeDivision(ctx.engine.registry, ctx.gazetteer, id)
  const value = ctx.engine.evaluate(templateCase({ template: TEMPLATE.id, jurisdiction: id, date })).answers[QUESTION].value as AnswerValue
  const state = ref.state ? (ctx.gazetteer.stateByCode.get(ref.state.toLowerCase())?.fips ?? null) : null
  if (ref.level === 'state' || ref.level === 'district') return { name: ref.name, value, state, fill: state, marker: null }
  const county = ctx.gazetteer.countyByJurisdiction.get(id)?.geoid
  if (county) return { name: ref.name, value, state, fill: county, marker: null }
  const file = ctx.engine.registry.jurisdictions.get(id)
  const jail = file?.jailCounty?.kind === 'known' ? ctx.gazetteer.countyByJurisdiction.get(file.jailCounty.value)?.geoid : undefined
  const marker = ctx.gazetteer.placeByJurisdiction.get(id)?.countyGeoid ?? jail ?? null
  return { name: ref.name, value, state, fill: null, marker }
}

const caseLines = (date: string) => [{ text: TEMPLATE.label }, { text: `As of ${dateWords(date)}` }]

/**
 * What the preview image of a target shows. Throws `not-found` for an ID of no real place and
 * `invalid-input` for a compare list that is not two to four IDs.
 *
 * @example
 * ```ts
 * shareImageFor(ctx, { kind: 'jurisdiction', id: 'ocd-division/country:us/state:ca' }, '2019-01-01').title // 'California'
 * ```
 */
export function shareImageFor(ctx: SiteContext, target: ShareTarget, date: string): ShareImage {
  if (target.kind === 'nation') {
    const answers = ctx.answers(date, QUESTION, TEMPLATE.id)
    const fills = new Map<string, AnswerValue>(answers.counties.map((c) => [c.geoid, c.value as AnswerValue]))
    const present = new Set(fills.values())
    return {
      kind: 'share-image',
      title: 'Every U.S. county',
      lines: [{ text: QUESTION_LABELS[QUESTION] }, ...caseLines(date)],
      frame: 'nation',
      fills,
      outline: [],
      markers: [],
      legend: ANSWER_VALUES.filter((v) => present.has(v)),
    }
  }
  if (target.kind === 'compare') {
    if (target.ids.length < 2 || target.ids.length > 4) throw new AppError('invalid-input', `ids: compare takes two to four jurisdictions, not ${target.ids.length}`, { field: 'ids' })
    const placed = target.ids.map((id) => place(ctx, id, date))
    const fills = new Map<string, AnswerValue>()
    for (const p of placed) if (p.fill) fills.set(p.fill, p.value)
    return {
      kind: 'share-image',
      title: 'Compare',
      lines: [{ text: QUESTION_LABELS[QUESTION] }, ...placed.map((p) => ({ text: `${p.name}: ${VALUE_LABELS[p.value]}`, value: p.value })), { text: `${TEMPLATE.label}; as of ${dateWords(date)}` }],
      frame: 'nation',
      fills,
      outline: placed.flatMap((p) => (p.fill ? [p.fill] : [])),
      markers: placed.flatMap((p) => (p.marker ? [{ county: p.marker, value: p.value }] : [])),
      legend: [],
    }
  }
  const p = place(ctx, target.id, date)
  // A county or city is drawn on its state's map (a city whose jail county is not recorded: the state alone).
  const inState = p.fill === null || p.fill.length === 5
  return {
    kind: 'share-image',
    title: p.name,
    lines: [{ text: QUESTION_LABELS[QUESTION] }, { text: VALUE_LABELS[p.value], value: p.value }, ...caseLines(date)],
    frame: inState && p.state ? { state: p.state } : 'nation',
    fills: p.fill ? new Map([[p.fill, p.value]]) : new Map(),
    outline: p.fill ? [p.fill] : [],
    markers: p.marker ? [{ county: p.marker, value: p.value }] : [],
    legend: [],
  }
}

/**
 * A page description from its answers, in the words the pages use: the place, the date, the case
 * (the first template, "no criminal record"), and the answer to each question.
 *
 * @example
 * ```ts
 * answersDescription('California', '2019-01-01', { hold: { value: 'prohibited' }, notify: { value: 'prohibited' }, interview: { value: 'permitted' } })
 * // 'California on 1 January 2019, no criminal record, administrative detainer (I-247A): hold past release on the detainer: prohibited; …'
 * ```
 */
export function answersDescription(name: string, date: string, values: Readonly<Record<QuestionId, { readonly value: string }>>, tail = ''): string {
  const answers = QUESTION_IDS.map((q) => `${lowerFirst(QUESTION_LABELS[q])}: ${valueWord(values[q].value)}`).join('; ')
  const facts = lowerFirst(TEMPLATE.label)
  return `${name} on ${dateWords(date)}, ${facts}: ${answers}.${tail ? ` ${tail}` : ''}`
}

/** The first letter in lower case, keeping acronyms ("Tell ICE…" → "tell ICE…"). */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

const valueWord = (v: string) => (VALUE_LABELS[v as AnswerValue] ?? v).toLowerCase()

/**
 * The compare page's description: each jurisdiction's hold answer for the first template.
 *
 * @example
 * ```ts
 * compareDescription(['California', 'Texas'], ['prohibited', 'required'], '2019-01-01')
 * // 'Hold past release on the detainer, no criminal record, …, 1 January 2019: California prohibited; Texas required. Side by side, provision by provision, with sources.'
 * ```
 */
export function compareDescription(names: readonly string[], holds: readonly string[], date: string): string {
  const facts = lowerFirst(TEMPLATE.label)
  return `${QUESTION_LABELS[QUESTION]}, ${facts}, ${dateWords(date)}: ${names.map((n, k) => `${n} ${valueWord(holds[k] ?? 'undetermined')}`).join('; ')}. Side by side, provision by provision, with sources.`
}

/**
 * The evaluator's description for an answered case: the place, the date and the three answers.
 *
 * @example
 * ```ts
 * caseDescription('Cook County, IL', '2016-06-01', { hold: { value: 'prohibited' }, notify: { value: 'permitted' }, interview: { value: 'permitted' } })
 * ```
 */
export function caseDescription(name: string, date: string, values: Readonly<Record<QuestionId, { readonly value: string }>>): string {
  const answers = QUESTION_IDS.map((q) => `${lowerFirst(QUESTION_LABELS[q])}: ${valueWord(values[q].value)}`).join('; ')
  return `A case in ${name} on ${dateWords(date)}: ${answers}. With the explanation and the laws that decide it.`
}
