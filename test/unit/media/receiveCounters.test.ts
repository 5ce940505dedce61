import { describe, expect, it } from 'vitest';
import { ReceiveCounters } from '../../../server/media/receiveCounters';

describe('what a browser reports it decoded, per stats sample', () => {
  it('turns cumulative reports into what came since the previous sample', () => {
    const c = new ReceiveCounters();
    c.report([{ consumerId: 'cam', framesDecoded: 50, freezeCount: 0 }]);
    c.report([{ consumerId: 'cam', framesDecoded: 110, freezeCount: 1 }]);
    expect(c.take(['cam'])).toEqual({ framesDecoded: 110, freezes: 1 });
    c.report([{ consumerId: 'cam', framesDecoded: 170, freezeCount: 1 }]);
    expect(c.take(['cam'])).toEqual({ framesDecoded: 60, freezes: 0 });
  });

  it('says nothing (undefined) when no report came since the previous sample', () => {
    const c = new ReceiveCounters();
    expect(c.take(['cam'])).toBeUndefined();
    c.report([{ consumerId: 'cam', framesDecoded: 10 }]);
    c.take(['cam']);
    expect(c.take(['cam'])).toBeUndefined();
  });

  it('reports a stalled decoder as zero frames, not as no report', () => {
    const c = new ReceiveCounters();
    c.report([{ consumerId: 'cam', framesDecoded: 10 }]);
    c.take(['cam']);
    c.report([{ consumerId: 'cam', framesDecoded: 10 }]);
    expect(c.take(['cam'])).toEqual({ framesDecoded: 0 });
  });

  it('takes only the consumers asked for, summed, and leaves freezes out where not counted', () => {
    const c = new ReceiveCounters();
    c.report([
      { consumerId: 'teacher-cam', framesDecoded: 30 },
      { consumerId: 'screen', framesDecoded: 5 },
    ]);
    expect(c.take(['teacher-cam'])).toEqual({ framesDecoded: 30 });
    expect(c.take(['screen', 'gone'])).toEqual({ framesDecoded: 5 });
  });

  it('counts afresh a counter that went back, and forgets a closed consumer', () => {
    const c = new ReceiveCounters();
    c.report([{ consumerId: 'cam', framesDecoded: 500 }]);
    c.take(['cam']);
    c.report([{ consumerId: 'cam', framesDecoded: 20 }]); // a new receiver under the same id
    expect(c.take(['cam'])).toEqual({ framesDecoded: 20 });
    c.report([{ consumerId: 'cam', framesDecoded: 40 }]);
    c.forget('cam');
    expect(c.take(['cam'])).toBeUndefined();
  });
});
