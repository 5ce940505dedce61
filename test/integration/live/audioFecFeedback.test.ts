// The teacher's Opus FEC follows the classrooms' downlinks, not only her own uplink: a
// classroom behind a link losing 10 % of its packets, a teacher on a clean one, and the
// teacher's mic sender is told about the classroom's loss (mediasoup puts the worst
// consumer's loss into its receiver reports for an Opus producer with useinbandfec=1), so
// libwebrtc's encoder codes in-band FEC for it. Without that report the encoder expects
// no loss and libopus codes no FEC at all: 10 % concealed instead of ~3 % (bench:audio,
// docs/thin-links.md "Opus").
import { describe, expect, it } from 'vitest';
import { lossToldToTeacher } from '../../bench/lossToldToTeacher';

describe('Opus FEC feedback', () => {
  it("tells the teacher's mic sender the loss of a classroom's downlink", async () => {
    const told = await lossToldToTeacher({ name: '10 % loss', lossPct: 10 }, 8);
    const sorted = [...told].sort((a, b) => a - b);
    // measured 9.8–11.3 %; random loss over 2–5 s report intervals stays well above 5
    expect(told.length).toBeGreaterThanOrEqual(4);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThanOrEqual(5);
  }, 90_000);
});
