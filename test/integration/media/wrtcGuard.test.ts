// The test peers' guard against wrtc's localDescription crash (see SafeRTCPeerConnection):
// what it answers must be the description this side set, never libwebrtc's live one.
import { describe, expect, it } from 'vitest';
import { SafeRTCPeerConnection } from '../../helpers/wrtc';

describe('SafeRTCPeerConnection', () => {
  it('answers localDescription from what was set, even once candidates were gathered', async () => {
    const pc = new SafeRTCPeerConnection();
    try {
      pc.addTransceiver('video', { direction: 'sendonly' });
      expect(pc.localDescription).toBeNull();
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      await new Promise<void>((resolve) => {
        if (pc.iceGatheringState === 'complete') return resolve();
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') resolve();
        });
      });
      // libwebrtc's own description now carries a=candidate lines; the copy does not.
      expect(pc.localDescription).toMatchObject({ type: 'offer', sdp: offer.sdp });
      expect(pc.localDescription!.sdp).not.toContain('a=candidate');
      // Everything else is wrtc's own.
      expect(pc.signalingState).toBe('have-local-offer');
    } finally {
      pc.close();
    }
  });
});
