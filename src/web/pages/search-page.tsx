/**
 * Search through the one name resolver: registry names and aliases, every state, county and
 * Census place ("SF", "Harris County", "Phoenix", a typo such as "Harriss"), ZIP codes, and laws
 * by name or number ("SB 54", "TRUST Act", "287(g)"). The first response lists the results; in the
 * browser the list follows typing.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { LawResult, SearchResponse, SearchResult } from '../shared/api-types.ts'
import { jurisdictionPath } from '../shared/words.ts'

export interface SearchPageProps {
  readonly query: string
  readonly results: readonly SearchResult[]
  readonly laws: readonly LawResult[]
  /** What the query means on its own: one place, a choice, or near spellings. */
  readonly resolution: SearchResponse['resolution'] | null
  /** A bad parameter (an unknown `state`). */
  readonly error: string | null
}

/** One line on what the query resolved to. */
function resolutionLine(r: SearchResponse['resolution']): string {
  if (r.kind === 'resolved') return `“${r.query}” is ${r.jurisdiction.name}.`
  if (r.kind === 'ambiguous') return `“${r.query}” could mean ${r.candidates.length} places: ${r.reason}. Choose one below.`
  return r.suggestions.length ? `No exact match for “${r.query}”. Did you mean one of these?` : `No place is named “${r.query}”.`
}

const LEVEL_WORDS: Record<string, string> = { country: 'Country', state: 'State', district: 'District', county: 'County', place: 'City' }

/**
 * @example
 * ```tsx
 * <SearchPage query="Cook" results={found.results} laws={found.laws} resolution={found.resolution} error={null} />
 * ```
 */
export function SearchPage(props: SearchPageProps) {
  const [query, setQuery] = useState(props.query)
  const [results, setResults] = useState(props.results)
  const [laws, setLaws] = useState(props.laws)
  const [resolution, setResolution] = useState(props.resolution)
  const [searched, setSearched] = useState(props.query)
  const seq = useRef(0)

  useEffect(() => {
    if (query === searched) return
    const n = ++seq.current
    const timer = setTimeout(() => {
      history.replaceState(null, '', query.trim() ? `/search?${new URLSearchParams({ q: query }).toString()}` : '/search')
      if (!query.trim()) {
        setResults([])
        setLaws([])
        setResolution(null)
        setSearched(query)
        return
      }
      fetch(`/api/v1/search?${new URLSearchParams({ q: query }).toString()}`, { headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : {}))
        .then((body: Partial<SearchResponse>) => {
          if (n !== seq.current) return
          setResults(body.results ?? [])
          setLaws(body.laws ?? [])
          setResolution(body.resolution ?? null)
          setSearched(query)
        })
        .catch(() => undefined)
    }, 180)
    return () => clearTimeout(timer)
  }, [query])

  return (
    <div>
      <h1>Search</h1>
      <p class="lede">
        Find a state, county or city by its name, a common alias or a ZIP code, then open its page to see the law that applies there; or find a law by its name or number.
      </p>
      <form method="get" action="/search" role="search">
        <div class="row">
          <div class="field">
            <label for="q">Name, alias, ZIP code or law</label>
            <input id="q" type="search" name="q" value={query} size={40} placeholder="e.g. Harris County, Houston, 77002, SB 54" onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <button type="submit">Search</button>
          </div>
        </div>
      </form>
      {props.error ? (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      ) : null}
      <div aria-live="polite">
        {searched.trim() ? (
          <h2>
            {results.length === 0 ? 'No place matches' : `${results.length} place${results.length === 1 ? '' : 's'}`} for “{searched}”
          </h2>
        ) : null}
        {searched.trim() && resolution ? <p class="resolution">{resolutionLine(resolution)}</p> : null}
        {results.length > 0 ? (
          <ul class="search-results">
            {results.map((r) => (
              <li key={r.jurisdiction}>
                <a href={jurisdictionPath(r.jurisdiction)}>
                  <strong>{r.name}</strong>
                </a>{' '}
                <span class="tag">{LEVEL_WORDS[r.level] ?? r.level}</span> {r.state ? <span class="tag">{r.state}</span> : null}{' '}
                {r.inRegistry ? <span class="tag">has a registry file</span> : <span class="small muted">no file of its own; state and federal law apply</span>}
                <br />
                <code class="small muted">{r.jurisdiction}</code>
              </li>
            ))}
          </ul>
        ) : null}
        {laws.length > 0 ? (
          <>
            <h2>
              {laws.length} law{laws.length === 1 ? '' : 's'} for “{searched}”
            </h2>
            <ul class="search-results law-results">
              {laws.map((l) => (
                <li key={l.enactment}>
                  <a href={`${jurisdictionPath(l.jurisdiction)}#enactment-${l.enactment}`}>
                    <strong>{l.title}</strong>
                  </a>{' '}
                  <span class="tag">{l.jurisdictionName}</span>
                  {l.match === 'fuzzy' ? <span class="small muted"> a near spelling</span> : null}
                  {l.citation ? (
                    <>
                      <br />
                      <span class="small muted">{l.citation}</span>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  )
}
