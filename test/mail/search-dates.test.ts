import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSearchDate } from '../../src/mail/search-dates.ts';

describe('parseSearchDate', () => {
  it('reads the forms dateparse reads, in the given zone', () => {
    const jan31 = Date.UTC(2024, 0, 31);
    for (const s of ['2024/01/31', '2024-01-31', '2024.1.31', '01/31/2024', '31.01.2024', '20240131', 'jan 31 2024', '31 january 2024', 'wed jan 31 2024']) {
      assert.equal(parseSearchDate(s, 'UTC'), jan31, s);
    }
    assert.equal(parseSearchDate('2024-01-31 13:45', 'UTC'), Date.UTC(2024, 0, 31, 13, 45));
    assert.equal(parseSearchDate('2024-07-01', 'Europe/Berlin'), Date.UTC(2024, 5, 30, 22));
  });

  it('honours an explicit zone and unix timestamps', () => {
    assert.equal(parseSearchDate('2024-01-31T10:00:00+02:00', 'UTC'), Date.UTC(2024, 0, 31, 8));
    assert.equal(parseSearchDate('1706659200'), 1706659200000);
  });

  it('rejects what is not a date', () => {
    for (const s of ['', 'yesterday-ish', '2024/02/30', '13/13/2024', '2024-01-31 25:00']) assert.equal(parseSearchDate(s, 'UTC'), null, s);
  });

  it('falls back to the server zone for an unknown zone', () => {
    assert.equal(parseSearchDate('2024-01-31', 'Not/AZone'), new Date(2024, 0, 31).getTime());
  });
});
