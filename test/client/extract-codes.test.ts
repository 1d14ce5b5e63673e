import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractCode, extractCodes } from '../../src/client/index.ts';

const message = (Text: string, extra: { Subject?: string; HTML?: string; Headers?: Record<string, string[]> } = {}) => ({ Subject: '', HTML: '', ...extra, Text });

describe('extractCodes', () => {
  it('finds a standalone code and ignores dates, times, prices and long numbers', () => {
    const text = 'On 2024-01-02 at 12:30 you paid 1.50 (order 123456789).\nYour code is 482913.\nRef 12/2024';
    assert.deepEqual(extractCodes(message(text)), ['482913']);
  });

  it('honours an exact length', () => {
    assert.deepEqual(extractCodes(message('PIN 1234, code 987654'), { length: 6 }), ['987654']);
    assert.equal(extractCode(message('PIN 1234, code 987654'), { length: 4 }), '1234');
  });

  it('puts the OTP-Token header first, then the subject, then the body', () => {
    const codes = extractCodes(message('Or type 222222', { Subject: 'Code 111111', Headers: { 'Otp-Token': ['"333333"; origin="https://app.test"'] } }));
    assert.deepEqual(codes, ['333333', '111111', '222222']);
  });

  it('reads the HTML when there is no text part', () => {
    assert.equal(extractCode(message('', { HTML: '<style>.a{width:1000px}</style><p>Your code: <b>774411</b></p>' })), '774411');
  });

  it('takes a custom pattern', () => {
    assert.deepEqual(extractCodes(message('token ABC-123 and XYZ-999'), { pattern: /\b([A-Z]{3}-\d{3})\b/ }), ['ABC-123', 'XYZ-999']);
  });

  it('answers undefined when there is no code', () => {
    assert.equal(extractCode(message('Welcome aboard!')), undefined);
  });
});
