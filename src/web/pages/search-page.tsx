/**
 * Search by name or alias over the registry and every state and county ("SF", "San Francisco
 * County", "Cook"). The first response lists the results; in the browser the list follows typing.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { SearchResult } from '../shared/api-types.ts'
import { jurisdictionPath } from '../shared/words.ts'

export interface SearchPageProps {
  readonly query: string
  readonly results: readonly SearchResult[]
}

const LEVEL_WORDS: Record<string, string> = { country: 'Country', state: 'State', district: 'District', county: 'County', place: 'City' }

/**
 * @example
 * ```tsx
 * <SearchPage query="Cook" results={search(index, 'Cook')} />
 * ```
 */
export function SearchPage(props: SearchPageProps) {
  const [query, setQuery] = useState(props.query)
  const [results, setResults] = useState(props.results)
  const [searched, setSearched] = useState(props.query)
  const seq = useRef(0)

  useEffect(() => {
    if (query === searched) return
    const n = ++seq.current
    const timer = setTimeout(() => {
      history.replaceState(null, '', query.trim() ? `/search?${new URLSearchParams({ q: query }).toString()}` : '/search')
      if (!query.trim()) {
        setResults([])
        setSearched(query)
        return
      }
      fetch(`/api/v1/search?${new URLSearchParams({ q: query }).toString()}`, { headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : { results: [] }))
        .then((body: { results?: SearchResult[] }) => {
          if (n !== seq.current) return
          setResults(body.results ?? [])
          setSearched(query)
        })
        .catch(() => undefined)
    }, 180)
    return () => clearTimeout(timer)
  }, [query])

  return (
    <div>
      <h1>Search</h1>
      <p class="lede">Find a state, county or city by its name or a common alias, then open its page to see the law that applies there.</p>
      <form method="get" action="/search" role="search">
        <div class="row">
          <div class="field">
            <label for="q">Name or alias</label>
            <input id="q" type="search" name="q" value={query} size={40} placeholder="e.g. SF, Cook, Travis County" onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <button type="submit">Search</button>
          </div>
        </div>
      </form>
      <div aria-live="polite">
        {searched.trim() ? (
          <h2>
            {results.length === 0 ? 'No match' : `${results.length} result${results.length === 1 ? '' : 's'}`} for “{searched}”
          </h2>
        ) : null}
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
      </div>
    </div>
  )
}
