import { describe, expect, it, vi } from 'vitest';
import { answerFor } from '../../../server/errorTable';
import { RoomError } from '../../../server/live/RoomError';
import { MediaGoneError, fromMediasoup } from '../../../server/media/mediaErrors';
import { MediaLimitError } from '../../../server/media/MediaPeer';
import { NoWorkerError } from '../../../server/media/WorkerPool';
import { toSignalingError } from '../../../server/signaling/handlers';

class InvalidStateError extends Error {
  override name = 'InvalidStateError';
}

describe('one table from failures to what the edges answer', () => {
  it.each([
    [new RoomError('not_found', 'no consumer c1', '/consumerId'), 'not_found', 404],
    [new RoomError('room_full', 'room holds at most 40'), 'room_full', 409],
    [new MediaLimitError('at most 6 producers per peer'), 'forbidden', 403],
    [new MediaGoneError('Transport not found'), 'media_error', 409],
    [new NoWorkerError(), 'media_error', 503],
    [new TypeError('missing encodings'), 'invalid_payload', 400],
  ])('%s → %s / %i', (error, ack, status) => {
    expect(answerFor(error)).toEqual({ ack, status });
  });

  it('knows nothing of an unexpected error: logged, answered internal', () => {
    const log = { warn: vi.fn(), error: vi.fn() };
    expect(answerFor(new Error('transport closed'))).toBeUndefined();
    expect(toSignalingError(new Error('oops'), log)).toMatchObject({ code: 'internal' });
    expect(log.error).toHaveBeenCalled();
  });

  it('reads mediasoup’s “gone” failures at the media boundary only, by their type there', () => {
    expect(() => fromMediasoup(new Error('Producer not found [id:x]'))).toThrow(MediaGoneError);
    expect(() => fromMediasoup(new InvalidStateError('Channel closed'))).toThrow(MediaGoneError);
    expect(() => fromMediasoup(new TypeError('bad rtpParameters'))).toThrow(TypeError);
    expect(toSignalingError(new MediaGoneError('Consumer closed'))).toMatchObject({
      code: 'media_error',
    });
  });
});
