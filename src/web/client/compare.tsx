/** Browser entry of the compare page: only the form is interactive (search as you type). */
import { CompareForm, type CompareFormProps } from '../pages/compare-page.tsx'
import { hydratePage } from './hydrate.tsx'

hydratePage<CompareFormProps>((data) => <CompareForm {...data} />, 'compare-form')
