/**
 * A jurisdiction search box (ARIA combobox with a listbox of results from `/api/v1/search`).
 * Without JavaScript it is a plain text field the server resolves by name; with it, typing shows
 * matches that can be chosen with the arrow keys and Enter, or with the pointer.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { SearchResult } from '../shared/api-types.ts'

export interface PickedJurisdiction {
  readonly jurisdiction: string
  readonly name: string
}

function describe(r: SearchResult): string {
  const level = r.level === 'place' ? 'city' : r.level === 'district' ? 'district' : r.level
  return `${level}${r.state && !r.name.endsWith(`, ${r.state}`) ? `, ${r.state}` : ''}${r.inRegistry ? ', in the registry' : ''}`
}

/**
 * @example
 * ```tsx
 * <JurisdictionPicker id="j" label="Jurisdiction" name="jurisdiction" value={{ jurisdiction: '', name: '' }} onChange={setPicked} />
 * ```
 */
export function JurisdictionPicker(props: {
  id: string
  label: string
  /** Form field names: `${name}` carries the OCD ID, `${name}Name` the text typed. */
  name: string
  value: PickedJurisdiction
  onChange?: (v: PickedJurisdiction) => void
  hint?: string
  required?: boolean
}) {
  const [text, setText] = useState(props.value.name)
  const [results, setResults] = useState<SearchResult[]>([])
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const [status, setStatus] = useState('')
  const seq = useRef(0)
  const listId = `${props.id}-results`

  useEffect(() => setText(props.value.name), [props.value.name])

  const query = (q: string) => {
    const n = ++seq.current
    if (q.trim().length < 2) {
      setResults([])
      setOpen(false)
      setStatus('')
      return
    }
    setTimeout(() => {
      if (n !== seq.current) return
      fetch(`/api/v1/search?${new URLSearchParams({ q }).toString()}`, { headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : { results: [] }))
        .then((body: { results?: SearchResult[] }) => {
          if (n !== seq.current) return
          const list = (body.results ?? []).slice(0, 12)
          setResults(list)
          setOpen(true)
          setActive(-1)
          setStatus(list.length ? `${list.length} match${list.length === 1 ? '' : 'es'}; use the arrow keys to choose` : 'No match')
        })
        .catch(() => n === seq.current && setStatus('Search is unavailable'))
    }, 150)
  }

  const choose = (r: SearchResult) => {
    setText(r.name)
    setOpen(false)
    setResults([])
    setStatus(`${r.name} chosen`)
    props.onChange?.({ jurisdiction: r.jurisdiction, name: r.name })
  }

  return (
    <div class="field picker">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      <input
        id={props.id}
        type="text"
        name={`${props.name}Name`}
        value={text}
        autoComplete="off"
        required={props.required}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open && results.length > 0 ? 'true' : 'false'}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        size={40}
        onInput={(e) => {
          const v = (e.currentTarget as HTMLInputElement).value
          setText(v)
          props.onChange?.({ jurisdiction: '', name: v })
          query(v)
        }}
        onKeyDown={(e) => {
          if (!open || results.length === 0) return
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            setActive((a) => (a + 1) % results.length)
          } else if (e.key === 'ArrowUp') {
            e.preventDefault()
            setActive((a) => (a <= 0 ? results.length - 1 : a - 1))
          } else if (e.key === 'Enter' && active >= 0) {
            e.preventDefault()
            choose(results[active]!)
          } else if (e.key === 'Escape') {
            setOpen(false)
          }
        }}
        onBlur={() => setTimeout(() => setOpen(false), 200)}
      />
      <input type="hidden" name={props.name} value={props.value.jurisdiction} />
      <ul id={listId} role="listbox" aria-label={`${props.label}: matches`} class="results-list" hidden={!(open && results.length > 0)}>
        {results.map((r, i) => (
          <li
            key={r.jurisdiction}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active ? 'true' : 'false'}
            class={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault()
              choose(r)
            }}
          >
            <strong>{r.name}</strong> <span class="small muted">({describe(r)})</span>
          </li>
        ))}
      </ul>
      <span class="visually-hidden" aria-live="polite">
        {status}
      </span>
    </div>
  )
}
