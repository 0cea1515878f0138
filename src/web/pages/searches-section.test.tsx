import { render } from 'preact-render-to-string'
import { describe, expect, it } from 'vitest'
import { SearchesSection } from './jurisdiction-page.tsx'

describe('SearchesSection', () => {
  it('says what was searched, when, for which actions, and what was found, with its sources', () => {
    const html = render(
      <SearchesSection
        searches={[
          {
            on: '2026-12-07',
            actions: ['detainer-hold', 'interview-access'],
            searched: 'the Idaho Code, titles 19 and 20, for "detainer"',
            found: 'no statute on detainer holds or jail interviews.',
            sources: [{ url: 'https://legislature.idaho.gov/statutesrules/idstat/', quote: 'Idaho Statutes', reliability: 'primary' }],
          },
        ]}
      />,
    )
    expect(html).toContain('Searched, nothing found')
    expect(html).toContain('Detainer holds, ICE interviews in custody')
    expect(html).toContain('7 December 2026')
    expect(html).toContain('the Idaho Code, titles 19 and 20, for &quot;detainer&quot;')
    expect(html).toContain('Found: no statute on detainer holds or jail interviews.')
    expect(html).toContain('href="https://legislature.idaho.gov/statutesrules/idstat/"')
  })
})
