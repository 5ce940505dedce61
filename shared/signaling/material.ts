// Material the teacher pushes to every projector (导学单, 课件…): the request, the message
// the room sends, and what a (re)joining client is told is on the projectors now. The
// file itself is fetched with the viewer's own bearer token, never from a public URL.
import { Type, type Static } from '@sinclair/typebox';
import { MaterialKind } from '../lessons';

const Id = Type.String({ minLength: 1, maxLength: 128 });

/** What the projectors show: enough to name it and to fetch it with one's own token. */
export const PushedMaterial = Type.Object({
  materialId: Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 128 }),
  kind: MaterialKind,
  fileName: Type.String({ maxLength: 256 }),
  mimeType: Type.String({ maxLength: 128 }),
  pushedAt: Type.Number(),
});
export type PushedMaterial = Static<typeof PushedMaterial>;

/** The teacher pushes one of the lesson's material to every projector, or takes it off (null). */
export const PushMaterialRequest = Type.Object({ materialId: Type.Union([Id, Type.Null()]) });

/** Server → client: what is pushed now (null: nothing). */
export const MaterialPushedMessage = Type.Object({
  material: Type.Union([PushedMaterial, Type.Null()]),
});
export type MaterialPushedMessage = Static<typeof MaterialPushedMessage>;

/** Whether the file opens inside the page (the browser's own PDF viewer, an image). */
export function viewableInPage(
  mimeType: string,
): 'pdf' | 'image' | 'text' | 'video' | 'audio' | undefined {
  if (mimeType === 'application/pdf') return 'pdf';
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType === 'text/plain') return 'text';
  if (mimeType.startsWith('video/')) return 'video';
  if (mimeType.startsWith('audio/')) return 'audio';
  return undefined;
}
