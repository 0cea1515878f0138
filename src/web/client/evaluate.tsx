/** Browser entry of the evaluator. */
import { EvaluatePage, type EvaluatePageProps } from '../pages/evaluate-page.tsx'
import { hydratePage } from './hydrate.tsx'

hydratePage<EvaluatePageProps>((data) => <EvaluatePage {...data} />)
