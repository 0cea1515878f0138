/**
 * Test helper: a small atlas for the fixture registry (fictional states ZZ, YY and XX, FIPS 97,
 * 98 and 96), with unit-square geometries. XX has no registry file; Gamma, Epsilon and Omega
 * counties have none either.
 */
import type { AtlasGeometry, GazetteerInput, GazetteerPlaceInput, Geometry } from '../core/answers/index.ts'

export const FIXTURE_ATLAS_INPUT: GazetteerInput = {
  states: [
    { fips: '97', code: 'ZZ', name: 'Fixture State Z' },
    { fips: '98', code: 'YY', name: 'Fixture State Y' },
    { fips: '96', code: 'XX', name: 'Fixture State X' },
  ],
  counties: [
    { geoid: '97001', name: 'Alpha' },
    { geoid: '97003', name: 'Gamma' },
    { geoid: '98001', name: 'Beta' },
    { geoid: '98003', name: 'Epsilon' },
    { geoid: '96001', name: 'Omega' },
  ],
}

/**
 * Census places for the fixture states (as us-geo would hand them in): Epsilon Springs in Gamma
 * County has no registry file; Delta has one (the fixture registry's place).
 */
export const FIXTURE_PLACES: readonly GazetteerPlaceInput[] = [
  { geoid: '9701000', name: 'Epsilon Springs', state: 'ZZ', countyGeoid: '97003', population: 1200, type: 'city' },
  { geoid: '9702000', name: 'Delta', state: 'ZZ', countyGeoid: '97001', population: 5400, type: 'city' },
]

/** The fixture atlas with its places. */
export const FIXTURE_ATLAS_INPUT_WITH_PLACES: GazetteerInput = { ...FIXTURE_ATLAS_INPUT, places: FIXTURE_PLACES }

const square = (x: number, y: number): Geometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y + 1],
      [x, y],
    ],
  ],
})

/** Geometry for every fixture county and state; the nation is one square around them. */
export function fixtureGeometry(): AtlasGeometry {
  return {
    counties: new Map(FIXTURE_ATLAS_INPUT.counties.map((c, i) => [c.geoid, square(-100 + i, 40)])),
    states: new Map(FIXTURE_ATLAS_INPUT.states.map((s, i) => [s.fips, square(-100 + i * 2, 40)])),
    nation: square(-100, 40),
  }
}

/** The fixture atlas as the HTTP app takes it. */
export const FIXTURE_ATLAS = { input: FIXTURE_ATLAS_INPUT, geometry: fixtureGeometry }
