/**
 * Reading the page's hydration data (`<script type="application/json" id="page-data">`, written by
 * the server) and hydrating a component into the server-rendered HTML.
 */
import { hydrate, type VNode } from 'preact'

/**
 * The page data the server embedded.
 *
 * @example
 * ```ts
 * const data = pageData<{ today: string }>()
 * ```
 */
export function pageData<T>(): T {
  const el = document.getElementById('page-data')
  return JSON.parse(el?.textContent ?? 'null') as T
}

/**
 * Hydrates `render(pageData())` into the element with `containerId` (the page's `#app` by default).
 *
 * @example
 * ```tsx
 * hydratePage<SearchPageProps>((data) => <SearchPage {...data} />)
 * ```
 */
export function hydratePage<T>(render: (data: T) => VNode, containerId = 'app'): void {
  const container = document.getElementById(containerId)
  if (container) hydrate(render(pageData<T>()), container)
}
