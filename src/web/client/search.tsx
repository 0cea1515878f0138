/** Browser entry of the search page. */
import { SearchPage, type SearchPageProps } from '../pages/search-page.tsx'
import { hydratePage } from './hydrate.tsx'

hydratePage<SearchPageProps>((data) => <SearchPage {...data} />)
