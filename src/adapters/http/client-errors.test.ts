import { describe, expect, it } from 'vitest'
import type { FastifyError } from 'fastify'
import { nulPath, requestError, schemaErrorField, validationError } from './client-errors.ts'

const fastifyError = (props: Record<string, unknown>) => Object.assign(new Error(String(props.message ?? 'x')), props) as unknown as FastifyError

describe('client errors', () => {
  it('names the field of Ajv and TypeBox schema errors, nested missing and unknown properties included', () => {
    expect(schemaErrorField({ instancePath: '/targets/0/post', params: { type: 'string' } })).toBe('targets.0.post')
    expect(schemaErrorField({ instancePath: '', params: { missingProperty: 'zip' } })).toBe('zip')
    expect(schemaErrorField({ instancePath: '/creator', params: { missingProperty: 'email' } })).toBe('creator.email')
    expect(schemaErrorField({ instancePath: '/creator', params: { requiredProperties: ['name', 'email'] } })).toBe('creator.name')
    expect(schemaErrorField({ instancePath: '', params: { additionalProperty: 'extra' } })).toBe('extra')
    expect(schemaErrorField({ keyword: 'boolean', instancePath: '/creator/x', params: {} })).toBe('creator.x')
    expect(schemaErrorField({ instancePath: '/a~1b', params: {} })).toBe('a/b')
    expect(schemaErrorField(undefined)).toBe('')
    const whole = validationError(fastifyError({ validation: [{ instancePath: '', params: { type: 'object' }, message: 'must be object' }], validationContext: 'body' }))
    expect(whole.toJSON()).toEqual({ error: { code: 'invalid-input', message: 'field "body" must be object', field: 'body' } })
    const extra = validationError(fastifyError({ validation: [{ keyword: 'boolean', instancePath: '/zz', params: {}, message: 'schema is false' }], validationContext: 'body' }))
    expect(extra.message).toBe('field "zz" is not a field this request takes')
  })

  it('turns the body parsers’ refusals into errors naming body, content-type or content-length', () => {
    expect(requestError(fastifyError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }))).toMatchObject({ code: 'too-large', httpStatus: 413, location: { field: 'body' } })
    expect(requestError(fastifyError({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }))).toMatchObject({ code: 'invalid-input', httpStatus: 400, location: { field: 'content-type' } })
    expect(requestError(fastifyError({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }))?.location.field).toBe('body')
    expect(requestError(fastifyError({ code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 }))?.location.field).toBe('body')
    expect(requestError(fastifyError({ statusCode: 400, message: 'Object contains forbidden prototype property' }))?.location.field).toBe('body')
    expect(requestError(fastifyError({ statusCode: 404, message: 'nope' }))).toBeUndefined()
  })

  it('finds the first NUL character in a parsed body', () => {
    expect(nulPath({ a: 'ok', creator: { name: 'a\u0000b' } })).toBe('creator.name')
    expect(nulPath({ targets: [{ post: 'x' }, { post: '\u0000' }] })).toBe('targets.1.post')
    expect(nulPath({ a: ['x', 1, null, true] })).toBeUndefined()
    expect(nulPath('\u0000')).toBe('')
  })
})
