/** Browser entry of the map page. The TopoJSON is a separate asset, fetched, not bundled. */
import atlasUrl from 'us-atlas/counties-albers-10m.json?url'
import { MapPage, type MapPageProps } from '../pages/map-page.tsx'
import { hydratePage } from './hydrate.tsx'

hydratePage<MapPageProps>((data) => <MapPage {...data} atlasUrl={atlasUrl} />)
