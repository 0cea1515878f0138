/** How typed names are compared: one normal form for names, one for law numbers. */

/**
 * Lower case, accents dropped, apostrophes dropped, every run of other characters one space.
 *
 * @example
 * ```ts
 * normalizeName("Prince George's County, MD") // 'prince georges county md'
 * normalizeName('Doña Ana County, N.M.') // 'dona ana county n m'
 * ```
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/**
 * {@link normalizeName}, with letters and digits also split apart, so that "SB54", "SB 54" and
 * "S.B. 54" compare alike, and "287(g)" is `287 g`.
 *
 * @example
 * ```ts
 * normalizeLawText('SB54') // 'sb 54'
 * normalizeLawText('287(g)') // '287 g'
 * ```
 */
export function normalizeLawText(text: string): string {
  return normalizeName(text)
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/\bs b\b/g, 'sb')
    .replace(/\bh b\b/g, 'hb')
    .replace(/\ba b\b/g, 'ab')
}

/** True when the words of `needle` appear, in order and adjacent, among the words of `hay`. */
export function containsWords(hay: string, needle: string): boolean {
  if (!needle) return false
  return ` ${hay} `.includes(` ${needle} `)
}

/** Words that name the kind of a county-equivalent, stripped to get its short name ("Harris" of "Harris County"). */
const COUNTY_WORDS = /\s(county|parish|borough|census area|city and borough|municipality|municipio)$/

/**
 * The name of a county-equivalent without its kind word, or null when it has none.
 *
 * @example
 * ```ts
 * shortCountyName('harris county') // 'harris'
 * shortCountyName('anchorage') // null
 * ```
 */
export function shortCountyName(normalized: string): string | null {
  const short = normalized.replace(COUNTY_WORDS, '')
  return short !== normalized && short !== '' ? short : null
}
