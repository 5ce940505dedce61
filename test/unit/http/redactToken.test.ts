import { describe, expect, it } from 'vitest';
import { redactToken } from '../../../server/http/redactToken';

describe('redactToken', () => {
  it('hides a token in any position of the query string', () => {
    expect(redactToken('/coordinator/?token=abc.def')).toBe('/coordinator/?token=[redacted]');
    expect(redactToken('/api/x?a=1&token=abc&b=2')).toBe('/api/x?a=1&token=[redacted]&b=2');
    expect(redactToken('/api/health')).toBe('/api/health');
  });
});
