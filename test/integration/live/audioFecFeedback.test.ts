// The teacher's Opus FEC follows the classrooms' downlinks, not only her own uplink: a
// classroom behind a link losing 10 % of its packets, a teacher on a clean one, and the
// teacher's mic sender is told about the classroom's loss (mediasoup puts the worst
// consumer's loss into its receiver reports for an Opus producer with useinbandfec=1), so
// libwebrtc's encoder codes in-band FEC for it. Without that report the encoder expects
// no loss and libopus codes no FEC at all: 10 % concealed instead of ~3 % (bench:audio,
// docs/thin-links.md "Opus").
import { describe, expect, it } from 'vitest';
import { reportsToTeacher } from '../../bench/reportsToTeacher';

describe('Opus FEC feedback', () => {
  it("tells the teacher's mic sender the loss of a classroom's downlink", async () => {
    // six reports are ~30 s; the first ones may predate the classroom's own report (0 %)
    const reports = await reportsToTeacher({ name: '10 % loss', lossPct: 10 }, 6, 75_000);
    const told = reports.map((r) => r.fractionLostPct);
    expect(told.length, `reports: ${told.join(', ')}`).toBe(6);
    // measured 11.3–12.1 % once the classroom has reported; 10 % random loss over a 5 s
    // report (~250 packets) has a standard deviation near 2 %, so every one stays above 5
    for (const pct of told.slice(-3))
      expect(pct, `reports: ${told.join(', ')}`).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
