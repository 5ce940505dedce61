// What a lesson's recording holds at a moment: a pure function of who is in the room, what
// each publishes, and who is on stage. The recording is what the classrooms' projectors
// showed and their speakers played: the teacher (camera + mic), her courseware and
// blackboard, and the classroom on stage (camera + mic). The other classrooms' microphones
// are not recorded: no classroom heard them (the teacher does, to keep order), so they add
// nothing to the lesson as taught, cost disk for every room, and record pupils who were
// not called on.
import type { RecordedTrack } from '../../shared/recording';

export interface PlannedProducer {
  id: string;
  source: string;
  kind: 'audio' | 'video';
  paused: boolean;
}

export interface PlannedPeer {
  peerId: string;
  displayName: string;
  role: string;
  producers: PlannedProducer[];
}

export interface PlannedTrack {
  /** changes whenever the set of producers changes: a new key is a new segment */
  key: string;
  track: RecordedTrack;
  peerId: string;
  displayName: string;
  producerIds: string[];
}

function track(
  kind: RecordedTrack,
  peer: PlannedPeer,
  sources: string[],
): PlannedTrack | undefined {
  const producers = peer.producers
    .filter((p) => sources.includes(p.source))
    // video first: a file's first stream is the one players show
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'video' ? -1 : 1));
  // A file of only a muted stream has nothing to show; wait for the video.
  if (!producers.some((p) => p.kind === 'video')) return undefined;
  const producerIds = producers.map((p) => p.id);
  return {
    key: `${kind}:${peer.peerId}:${producerIds.join('+')}`,
    track: kind,
    peerId: peer.peerId,
    displayName: peer.displayName,
    producerIds,
  };
}

export function plannedTracks(peers: PlannedPeer[], stagePeerId: string | null): PlannedTrack[] {
  const out: PlannedTrack[] = [];
  const teacher = peers.find((p) => p.role === 'teacher');
  if (teacher) {
    for (const t of [
      track('teacher', teacher, ['camera', 'mic']),
      track('screen', teacher, ['screen']),
      track('blackboard', teacher, ['blackboard']),
    ]) {
      if (t) out.push(t);
    }
  }
  const stage = peers.find((p) => p.peerId === stagePeerId && p.role === 'classroom');
  const staged = stage && track('stage', stage, ['camera', 'mic']);
  if (staged) out.push(staged);
  return out;
}
