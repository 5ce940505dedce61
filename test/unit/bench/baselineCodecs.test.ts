// The baseline copies Tongke's codec list instead of importing it (it must run no Tongke
// code); this keeps the copy from drifting, or the ratio would compare different routers.
import { describe, expect, it } from 'vitest';
import { mediaCodecs as baseline } from '../../bench/baseline';
import { mediaCodecs as tongke } from '../../../server/media/codecs';

describe('bare-mediasoup baseline', () => {
  it('offers exactly the codecs Tongke’s routers offer', () => {
    expect(baseline).toEqual(tongke);
  });
});
