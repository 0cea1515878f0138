import { describe, expect, it } from 'vitest'
import { PRACTICE_OUTCOMES } from './record.ts'
import { LIFT_REASONS, liftReasonOutcome, pierceDispositionOutcome } from './outcomes.ts'

describe('liftReasonOutcome', () => {
  it('maps every PA lift reason', () => {
    expect(liftReasonOutcome('Detainer Declined by LEA')).toBe('declined-by-lea')
    expect(liftReasonOutcome('Booked into Detention')).toBe('released-to-ice')
    expect(liftReasonOutcome('Lifted - Lack of Space')).toBe('lifted-by-ice')
    expect(liftReasonOutcome('United States Citizen Interviewed')).toBe('lifted-by-ice')
    expect(liftReasonOutcome('Transferred')).toBe('transferred')
    expect(liftReasonOutcome('Died')).toBe('died')
    for (const outcome of Object.values(LIFT_REASONS)) expect(PRACTICE_OUTCOMES).toContain(outcome)
  })
  it('tells blank (null) from unknown (undefined)', () => {
    expect(liftReasonOutcome('  ')).toBeNull()
    expect(liftReasonOutcome('Beamed up')).toBeUndefined()
  })
})

describe('pierceDispositionOutcome', () => {
  it('maps release dispositions', () => {
    expect(pierceDispositionOutcome('Immigration')).toBe('released-to-ice')
    expect(pierceDispositionOutcome('Cancel Detainer')).toBe('lifted-by-ice')
    expect(pierceDispositionOutcome('WSI Chain')).toBe('transferred')
    expect(pierceDispositionOutcome('Bail Bond')).toBe('released')
    expect(pierceDispositionOutcome('NCF, Pending Inv')).toBe('released')
    expect(pierceDispositionOutcome('')).toBeNull()
    expect(pierceDispositionOutcome('Escape')).toBeUndefined()
  })
})
