/**
 * Browser entry of a jurisdiction page: the page is complete without it; this draws the timeline
 * chart (Observable Plot) above the list of the same events.
 */
import { timelineChart } from '../components/timeline-chart.ts'
import type { Timeline } from '../components/timeline.ts'
import { pageData } from './hydrate.tsx'

const data = pageData<{ timeline: Timeline; today: string }>()
const container = document.getElementById('timeline-chart')
if (container && data && data.timeline.segments.length > 0) {
  container.append(timelineChart(data.timeline, data.today, { document, width: Math.max(320, Math.min(1100, container.clientWidth)) }))
}
